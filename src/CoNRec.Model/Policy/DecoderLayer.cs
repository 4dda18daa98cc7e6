using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>Pre-norm transformer block: x + attn(norm(x)), then h + mlp(norm(h)).</summary>
public sealed class DecoderLayer : nn.Module<Tensor, AttentionInputs, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    readonly RmsNorm input_layernorm;
    readonly Attention self_attn;
    readonly RmsNorm post_attention_layernorm;
    readonly Mlp mlp;
#pragma warning restore IDE1006

    public DecoderLayer(PolicyConfig config, int layer, Device device, ScalarType dtype) : base(nameof(DecoderLayer))
    {
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        self_attn = new Attention(config, layer, device, dtype);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        mlp = new Mlp(config, device, dtype);
        RegisterComponents();
    }

    public Attention SelfAttention => self_attn;

    public Mlp FeedForward => mlp;

    // (B, T, C) -> (B, T, C)
    public override Tensor forward(Tensor x, AttentionInputs inputs)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.call(input_layernorm.call(x), inputs);
        return (h + mlp.call(post_attention_layernorm.call(h))).MoveToOuterDisposeScope();
    }
}
