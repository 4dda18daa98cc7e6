using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// Root-mean-square norm over the last dimension, computed in float32 and cast back before the scale,
/// as Hugging Face's Qwen3RMSNorm does (the order matters for bf16 parity).
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter name.
    readonly Parameter weight;
#pragma warning restore IDE1006
    readonly double _eps;

    public RmsNorm(long dim, double eps, Device device, ScalarType dtype) : base(nameof(RmsNorm))
    {
        weight = new Parameter(ones(dim, dtype: dtype, device: device));
        // Parameters belong to the module, not to whatever dispose scope the caller builds the model in.
        weight.DetachFromDisposeScope();
        _eps = eps;
        RegisterComponents();
    }

    // (..., D) -> (..., D)
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        var variance = x.pow(2).mean([-1], keepdim: true);
        var normed = (x * rsqrt(variance + _eps)).to(input.dtype);
        return (weight * normed).MoveToOuterDisposeScope();
    }
}
