using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// Embeddings, the decoder layers and the final norm: Hugging Face's Qwen3Model, named <c>model</c> in the
/// causal LM so that its parameters are <c>model.embed_tokens.weight</c>, <c>model.layers.{i}...</c>, <c>model.norm.weight</c>.
/// </summary>
public sealed class DecoderStack : nn.Module<Tensor, Tensor, Tensor, KvCache?, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    readonly Embedding embed_tokens;
    readonly ModuleList<DecoderLayer> layers;
    readonly RmsNorm norm;
    readonly RotaryEmbedding rotary_emb;
#pragma warning restore IDE1006
    readonly DecoderLayer[] _layers;

    public DecoderStack(PolicyConfig config, Device device, ScalarType dtype) : base(nameof(DecoderStack))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize, device: device, dtype: dtype);
        _layers = new DecoderLayer[config.NumHiddenLayers];
        for (var i = 0; i < _layers.Length; i++) _layers[i] = new DecoderLayer(config, i, device, dtype);
        layers = new ModuleList<DecoderLayer>(_layers);
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        rotary_emb = new RotaryEmbedding(config.HeadDim, config.RopeTheta);
        RegisterComponents();
    }

    /// <summary>(V, C) token embeddings; also the output projection when embeddings are tied.</summary>
    public Parameter EmbeddingWeight => embed_tokens.weight!;

    public IReadOnlyList<DecoderLayer> Layers => _layers;

    /// <param name="inputIds">(B, T) int64 token ids.</param>
    /// <param name="positions">(B, T) int64 absolute positions.</param>
    /// <param name="tokenMask">(B, T) bool: false at padding.</param>
    /// <param name="cache">Extended in place with the new tokens, or null.</param>
    /// <returns>(B, T, C) final hidden states.</returns>
    public override Tensor forward(Tensor inputIds, Tensor positions, Tensor tokenMask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var past = cache?.Length ?? 0;
        var keyMask = cache?.AppendMask(tokenMask) ?? tokenMask;                                   // (B, S)
        var (cos, sin) = rotary_emb.call(positions);                                                // (B, T, D)
        var inputs = new AttentionInputs(cos, sin, AttentionMask(keyMask, past, inputIds.shape[1]), cache);
        var hidden = embed_tokens.call(inputIds);                                                   // (B, T, C)
        foreach (var layer in _layers) hidden = layer.call(hidden, inputs);
        return norm.call(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// (B, 1, T, S) bool: new token t (slot past + t) sees slot s when s &lt;= past + t and s is not padding.
    /// Every token also sees itself, so that a padding query has one finite score instead of none.
    /// </summary>
    static Tensor AttentionMask(Tensor keyMask, long past, long time)
    {
        var device = keyMask.device;
        var querySlots = arange(past, past + time, ScalarType.Int64, device).unsqueeze(1);         // (T, 1)
        var keySlots = arange(keyMask.shape[1], ScalarType.Int64, device).unsqueeze(0);            // (1, S)
        var causal = keySlots.le(querySlots).unsqueeze(0) & keyMask.unsqueeze(1);                  // (B, T, S)
        return (causal | keySlots.eq(querySlots).unsqueeze(0)).unsqueeze(1);
    }
}
