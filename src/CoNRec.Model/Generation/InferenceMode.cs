using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>
/// Puts a module in eval mode under <c>torch.inference_mode()</c> and a dispose scope for one generation call,
/// then restores the training flag it found, so that a learner sharing the thread sees its model unchanged.
/// </summary>
internal readonly struct InferenceMode : IDisposable
{
    readonly nn.Module _module;
    readonly bool _wasTraining;
    readonly IDisposable _inference;
    readonly DisposeScope _scope;

    public InferenceMode(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        _module = module;
        _wasTraining = module.training;
        module.eval();
        _inference = inference_mode();
        _scope = NewDisposeScope();
    }

    public void Dispose()
    {
        _scope.Dispose();
        _inference.Dispose();
        if (_wasTraining) _module.train();
    }
}
