using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// Grouped-query self-attention with per-head RMSNorm on queries and keys (Qwen3's QK-norm, applied before
/// the rotary embedding) and no biases. Keys and values go through the cache when one is given.
/// </summary>
public sealed class Attention : nn.Module<Tensor, AttentionInputs, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    nn.Module<Tensor, Tensor> q_proj;
    nn.Module<Tensor, Tensor> k_proj;
    nn.Module<Tensor, Tensor> v_proj;
    nn.Module<Tensor, Tensor> o_proj;
    readonly RmsNorm q_norm;
    readonly RmsNorm k_norm;
#pragma warning restore IDE1006
    readonly int _layer;
    readonly int _heads;
    readonly int _kvHeads;
    readonly int _headDim;

    public Attention(PolicyConfig config, int layer, Device device, ScalarType dtype) : base(nameof(Attention))
    {
        _layer = layer;
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        q_proj = nn.Linear(config.HiddenSize, _heads * _headDim, hasBias: false, device: device, dtype: dtype);
        k_proj = nn.Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: false, device: device, dtype: dtype);
        v_proj = nn.Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: false, device: device, dtype: dtype);
        o_proj = nn.Linear(_heads * _headDim, config.HiddenSize, hasBias: false, device: device, dtype: dtype);
        q_norm = new RmsNorm(_headDim, config.RmsNormEps, device, dtype);
        k_norm = new RmsNorm(_headDim, config.RmsNormEps, device, dtype);
        RegisterComponents();
    }

    /// <summary>Names of the projections <see cref="Projection"/> and <see cref="ReplaceProjection"/> accept.</summary>
    public static IReadOnlyList<string> ProjectionNames { get; } = ["q_proj", "k_proj", "v_proj", "o_proj"];

    public nn.Module<Tensor, Tensor> Projection(string name) => name switch
    {
        "q_proj" => q_proj,
        "k_proj" => k_proj,
        "v_proj" => v_proj,
        "o_proj" => o_proj,
        _ => throw new ArgumentException($"no attention projection named '{name}'", nameof(name)),
    };

    /// <summary>Swaps one projection (same name in the state dict); returns the one it replaced, not disposed.</summary>
    public nn.Module<Tensor, Tensor> ReplaceProjection(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var old = Projection(name);
        _ = name switch
        {
            "q_proj" => q_proj = replacement,
            "k_proj" => k_proj = replacement,
            "v_proj" => v_proj = replacement,
            _ => o_proj = replacement,
        };
        register_module(name, null!);
        register_module(name, replacement);
        return old;
    }

    // x (B, T, C) -> (B, T, C)
    public override Tensor forward(Tensor x, AttentionInputs inputs)
    {
        using var scope = NewDisposeScope();
        var (batch, time) = (x.shape[0], x.shape[1]);
        var q = q_norm.call(q_proj.call(x).view(batch, time, _heads, _headDim)).transpose(1, 2);      // (B, H, T, D)
        var k = k_norm.call(k_proj.call(x).view(batch, time, _kvHeads, _headDim)).transpose(1, 2);    // (B, KV, T, D)
        var v = v_proj.call(x).view(batch, time, _kvHeads, _headDim).transpose(1, 2);                 // (B, KV, T, D)
        q = RotaryEmbedding.Apply(q, inputs.Cos, inputs.Sin);
        k = RotaryEmbedding.Apply(k, inputs.Cos, inputs.Sin);
        if (inputs.Cache is not null) (k, v) = inputs.Cache.Append(_layer, k, v);                      // (B, KV, S, D)
        if (_heads != _kvHeads)
        {
            // Query head h reads key/value head h / (H / KV), as transformers' repeat_kv.
            k = k.repeat_interleave(_heads / _kvHeads, dim: 1);                                        // (B, H, S, D)
            v = v.repeat_interleave(_heads / _kvHeads, dim: 1);
        }
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, inputs.Mask);              // (B, H, T, D)
        var merged = attended.transpose(1, 2).reshape(batch, time, _heads * _headDim);                 // (B, T, H*D)
        return o_proj.call(merged).MoveToOuterDisposeScope();
    }
}
