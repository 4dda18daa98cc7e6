using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// Rotary position embeddings in the Llama/Qwen "rotate half" layout: dimension i pairs with i + D/2, and the
/// angle of pair i at position p is p * theta^(-2i/D). No state: the frequencies are recomputed on the
/// positions' device, so the module needs no buffer and moves with nothing.
/// </summary>
public sealed class RotaryEmbedding : nn.Module<Tensor, (Tensor Cos, Tensor Sin)>
{
    readonly float[] _inverseFrequencies;

    public RotaryEmbedding(int headDim, double theta) : base(nameof(RotaryEmbedding))
    {
        // Exponent 2i/D rounded to float32 as transformers does; the power itself in double.
        _inverseFrequencies = new float[headDim / 2];
        for (var i = 0; i < _inverseFrequencies.Length; i++)
            _inverseFrequencies[i] = (float)(1.0 / Math.Pow(theta, (float)(2 * i) / headDim));
        RegisterComponents();
    }

    /// <param name="positions">(B, T) int64 absolute positions.</param>
    /// <returns>cos and sin, (B, T, D) in float32; the caller casts them to the activations' dtype.</returns>
    public override (Tensor Cos, Tensor Sin) forward(Tensor positions)
    {
        using var scope = NewDisposeScope();
        var inverse = tensor(_inverseFrequencies, device: positions.device);                 // (D/2)
        var angles = positions.to(ScalarType.Float32).unsqueeze(-1) * inverse;               // (B, T, D/2)
        var both = cat([angles, angles], -1);                                                // (B, T, D)
        return (both.cos().MoveToOuterDisposeScope(), both.sin().MoveToOuterDisposeScope());
    }

    /// <summary>Rotates queries or keys (B, H, T, D) by cos/sin (B, T, D).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var c = cos.unsqueeze(1).to(x.dtype);
        var s = sin.unsqueeze(1).to(x.dtype);
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * c + rotated * s).MoveToOuterDisposeScope();
    }
}
