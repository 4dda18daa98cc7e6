using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// The policy: a Qwen3-style decoder-only causal language model (Hugging Face's Qwen3ForCausalLM). Parameter
/// names equal Hugging Face's, so <c>state_dict()</c> keys are the checkpoint's keys; <c>lm_head.weight</c> is
/// absent when the embeddings are tied. Built on the config's device in the config's dtype.
/// </summary>
public sealed class PolicyModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    readonly DecoderStack model;
    readonly nn.Module<Tensor, Tensor>? lm_head;
#pragma warning restore IDE1006

    /// <param name="seed">Seeds the initial weights: normal(0, initializer_range), norms at one, as transformers.</param>
    public PolicyModel(PolicyConfig config, long seed = 0) : base(nameof(PolicyModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Device = config.TorchDevice();
        DType = config.ScalarType();
        model = new DecoderStack(config, Device, DType);
        if (!config.TieWordEmbeddings)
            lm_head = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false, device: Device, dtype: DType);
        RegisterComponents();
        Initialize(seed);
    }

    public PolicyConfig Config { get; }

    public Device Device { get; }

    public ScalarType DType { get; }

    public DecoderStack Model => model;

    public IReadOnlyList<DecoderLayer> Layers => model.Layers;

    /// <summary>Full recomputation of a batch without padding: (B, T) ids -> (B, T, V) logits.</summary>
    public override Tensor forward(Tensor inputIds) => forward(inputIds, positions: null, cache: null);

    /// <summary>
    /// Logits of the new tokens, extending <paramref name="cache"/> in place when one is given (incremental
    /// decoding feeds only the tokens after the cached ones).
    /// </summary>
    /// <param name="inputIds">(B, T) int64 new token ids.</param>
    /// <param name="positions">(B, T) int64 positions, or null: each row continues from its last real token
    /// (0 on an empty cache), skipping padding, which serves left- and right-padded batches alike.</param>
    /// <param name="cache">Past keys and values of these rows, or null.</param>
    /// <param name="attentionMask">(B, T), nonzero at real tokens, zero at padding; null means no padding.</param>
    /// <param name="logitsToKeep">If positive, only the last that many positions get logits (decoding needs one).</param>
    /// <returns>(B, T, V) logits in the model's dtype (T = logitsToKeep when positive).</returns>
    public Tensor forward(Tensor inputIds, Tensor? positions, KvCache? cache, Tensor? attentionMask = null, int logitsToKeep = 0)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        if (cache is not null && cache.Layers != Config.NumHiddenLayers)
            throw new ArgumentException($"the cache has {cache.Layers} layers, the model {Config.NumHiddenLayers}", nameof(cache));
        using var scope = NewDisposeScope();
        var ids = inputIds.to(ScalarType.Int64, Device);
        var tokenMask = attentionMask is null
            ? ones(ids.shape, ScalarType.Bool, Device)
            : attentionMask.to(Device).ne(0);                                                       // (B, T)
        var pos = positions?.to(ScalarType.Int64, Device) ?? DefaultPositions(tokenMask, cache);   // (B, T)
        var hidden = model.call(ids, pos, tokenMask, cache);                                        // (B, T, C)
        cache?.SetNextPositions(NextPositions(pos, tokenMask, cache));
        if (logitsToKeep > 0 && logitsToKeep < hidden.shape[1])
            hidden = hidden.narrow(1, hidden.shape[1] - logitsToKeep, logitsToKeep);
        var logits = lm_head is null
            ? nn.functional.linear(hidden, model.EmbeddingWeight)
            : lm_head.call(hidden);                                                                 // (B, T, V)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Positions for a left- or right-padded batch: real tokens count 0, 1, 2, ... from the row's start.</summary>
    public static Tensor PositionsFromMask(Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var counts = attentionMask.ne(0).to(ScalarType.Int64).cumsum(1);
        return (counts - 1).clamp_min(0).MoveToOuterDisposeScope();
    }

    static Tensor DefaultPositions(Tensor tokenMask, KvCache? cache)
    {
        var offsets = PositionsFromMask(tokenMask);                                                 // (B, T)
        return cache?.NextPositions is { } next ? offsets + next.unsqueeze(1) : offsets;
    }

    static Tensor NextPositions(Tensor positions, Tensor tokenMask, KvCache cache)
    {
        var here = (positions + 1).masked_fill(tokenMask.logical_not(), 0).amax([1]);             // (B)
        return cache.NextPositions is { } previous ? maximum(previous, here) : here;
    }

    void Initialize(long seed)
    {
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed, Device);
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("norm.weight", StringComparison.Ordinal)) parameter.fill_(1);
            else parameter.normal_(0, Config.InitializerRange, generator);
        }
    }
}
