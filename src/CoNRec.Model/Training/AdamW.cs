using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>
/// AdamW (decoupled weight decay, Loshchilov and Hutter) over named parameters, written out rather than
/// TorchSharp's so that its whole state is plain named tensors: it checkpoints into safetensors beside the
/// weights, and data-parallel learners that load the same state take bit-identical steps.
/// State per parameter: <c>{name}.exp_avg</c>, <c>{name}.exp_avg_sq</c>, and for parameters held in a lower
/// precision (bf16 on a GPU) an fp32 master copy <c>{name}.master</c>: the update is computed and accumulated in
/// fp32 and only then rounded into the parameter, so small steps are not lost to bf16's 8-bit mantissa.
/// </summary>
public sealed class AdamW : IDisposable
{
    readonly (string Name, Parameter Parameter)[] _parameters;
    readonly Dictionary<string, ParameterState> _state = new(StringComparer.Ordinal);

    sealed record ParameterState(Tensor ExpAvg, Tensor ExpAvgSq, Tensor? Master);

    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
    {
        _parameters = [.. parameters.Where(p => p.Parameter.requires_grad)];
        if (_parameters.Length == 0) throw new ArgumentException("AdamW needs at least one trainable parameter", nameof(parameters));
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }
    public long Step { get; private set; }
    public IReadOnlyList<(string Name, Parameter Parameter)> Parameters => _parameters;

    /// <summary>One update at learning rate <paramref name="lr"/>; parameters without a gradient are skipped.</summary>
    public void Update(double lr)
    {
        Step++;
        var correction1 = 1 - Math.Pow(Beta1, Step);
        var correction2 = 1 - Math.Pow(Beta2, Step);
        using var noGrad = no_grad();
        foreach (var (name, p) in _parameters)
        {
            if (p.grad is not { } grad) continue;
            using var scope = NewDisposeScope();
            var (m, v, master) = StateOf(name, p);
            var g = grad.dtype == ScalarType.Float32 ? grad : grad.to(ScalarType.Float32);
            var target = master ?? p;
            m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
            v.mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            if (WeightDecay != 0) target.mul_(1 - lr * WeightDecay);
            var denominator = v.div(correction2).sqrt_().add_(Eps);
            target.addcdiv_(m, denominator, value: -lr / correction1);
            if (master is not null) p.copy_(master);
        }
    }

    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters) p.grad?.zero_();
    }

    /// <summary>The state as named tensors (shared with the optimizer, not copies), plus the step.</summary>
    public Dictionary<string, Tensor> StateTensors()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, state) in _state)
        {
            tensors[name + ".exp_avg"] = state.ExpAvg;
            tensors[name + ".exp_avg_sq"] = state.ExpAvgSq;
            if (state.Master is { } master) tensors[name + ".master"] = master;
        }
        return tensors;
    }

    /// <summary>Restores a state written by <see cref="StateTensors"/>; refuses tensors of unknown parameters or other shapes.</summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> tensors, long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var byName = _parameters.ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        foreach (var (key, tensor) in tensors)
        {
            var suffix = Suffixes.FirstOrDefault(x => key.EndsWith(x, StringComparison.Ordinal));
            var name = suffix is null ? null : key[..^suffix.Length];
            if (name is null || !byName.TryGetValue(name, out var p))
                throw new InvalidDataException($"optimizer state '{key}' names no trainable parameter");
            if (!tensor.shape.SequenceEqual(p.shape))
                throw new InvalidDataException($"optimizer state '{key}' has shape [{string.Join(", ", tensor.shape)}], the parameter [{string.Join(", ", p.shape)}]");
            var state = StateOf(name, p);
            var destination = suffix switch
            {
                ".exp_avg" => state.ExpAvg,
                ".exp_avg_sq" => state.ExpAvgSq,
                _ => state.Master ?? throw new InvalidDataException($"optimizer state '{key}': '{name}' is fp32 and has no master copy"),
            };
            using var noGrad = no_grad();
            destination.copy_(tensor);
        }
        Step = step;
    }

    static readonly string[] Suffixes = [".exp_avg_sq", ".exp_avg", ".master"];

    ParameterState StateOf(string name, Tensor p)
    {
        if (_state.TryGetValue(name, out var state)) return state;
        var m = zeros_like(p, dtype: ScalarType.Float32).DetachFromDisposeScope();
        var v = zeros_like(p, dtype: ScalarType.Float32).DetachFromDisposeScope();
        var master = p.dtype == ScalarType.Float32 ? null : p.detach().to(ScalarType.Float32).clone().DetachFromDisposeScope();
        return _state[name] = new ParameterState(m, v, master);
    }

    public void Dispose()
    {
        foreach (var state in _state.Values)
        {
            state.ExpAvg.Dispose();
            state.ExpAvgSq.Dispose();
            state.Master?.Dispose();
        }
        _state.Clear();
    }
}
