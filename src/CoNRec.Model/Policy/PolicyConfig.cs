using System.Text.Json.Serialization;

namespace CoNRec.Model.Policy;

/// <summary>
/// Shape of the policy decoder. The JSON properties are Hugging Face's Qwen3 <c>config.json</c> fields, so a
/// Qwen3 checkpoint's config reads as is and ours reads in <c>transformers</c>. The fields that fix the weights'
/// shapes are required in JSON (our defaults are the Small preset's, not transformers'). <see cref="Device"/>
/// and <see cref="DType"/> say where and in what precision this process runs the model; they are not written.
/// </summary>
public sealed partial record PolicyConfig
{
    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures => ["Qwen3ForCausalLM"];
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "qwen3";
    [JsonRequired, JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 4096;
    [JsonRequired, JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 192;
    [JsonRequired, JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 512;
    [JsonRequired, JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 4;
    [JsonRequired, JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 4;
    [JsonRequired, JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; } = 2;
    [JsonRequired, JsonPropertyName("head_dim")] public int HeadDim { get; init; } = 48;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "silu";
    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; }
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 1024;
    [JsonRequired, JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    /// <summary>The dtype the weights are stored in ("float32", "bfloat16"); informative, as in Hugging Face.</summary>
    [JsonPropertyName("torch_dtype")] public string TorchDtype { get; init; } = "float32";

    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    [JsonIgnore] public string Device { get; init; } = "cpu";
    /// <summary>"fp32" or "bf16": the dtype of every parameter and activation.</summary>
    [JsonIgnore] public string DType { get; init; } = "fp32";

    /// <summary>For tests: a few thousand parameters.</summary>
    public static PolicyConfig Tiny => new()
    {
        VocabSize = 64, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4,
        NumKeyValueHeads = 2, HeadDim = 8, MaxPositionEmbeddings = 128, TieWordEmbeddings = false,
    };

    /// <summary>Our default: 1.6M parameters in the layers plus 0.8M in the embeddings; trains on two CPU cores in minutes.</summary>
    public static PolicyConfig Small => new();

    public static PolicyConfig Qwen3_0_6B => Qwen3(hidden: 1024, intermediate: 3072, layers: 28, heads: 16, tied: true);
    public static PolicyConfig Qwen3_1_7B => Qwen3(hidden: 2048, intermediate: 6144, layers: 28, heads: 16, tied: true);
    public static PolicyConfig Qwen3_4B => Qwen3(hidden: 2560, intermediate: 9728, layers: 36, heads: 32, tied: true);
    public static PolicyConfig Qwen3_8B => Qwen3(hidden: 4096, intermediate: 12288, layers: 36, heads: 32, tied: false);
    public static PolicyConfig Qwen3_14B => Qwen3(hidden: 5120, intermediate: 17408, layers: 40, heads: 40, tied: false);

    /// <summary>The preset names <see cref="Preset"/> accepts.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["tiny", "small", "qwen3-0.6b", "qwen3-1.7b", "qwen3-4b", "qwen3-8b", "qwen3-14b"];

    public static PolicyConfig Preset(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tiny" => Tiny,
        "small" => Small,
        "qwen3-0.6b" => Qwen3_0_6B,
        "qwen3-1.7b" => Qwen3_1_7B,
        "qwen3-4b" => Qwen3_4B,
        "qwen3-8b" => Qwen3_8B,
        "qwen3-14b" => Qwen3_14B,
        _ => throw new ArgumentException($"policy.preset '{name}' is not one of {string.Join(", ", PresetNames)}", nameof(name)),
    };

    // Every public dense Qwen3 shares these: head_dim 128, 8 KV heads, the 151936-token vocabulary, theta 1e6.
    static PolicyConfig Qwen3(int hidden, int intermediate, int layers, int heads, bool tied) => new()
    {
        VocabSize = 151936, HiddenSize = hidden, IntermediateSize = intermediate, NumHiddenLayers = layers,
        NumAttentionHeads = heads, NumKeyValueHeads = 8, HeadDim = 128, RmsNormEps = 1e-6, RopeTheta = 1_000_000,
        MaxPositionEmbeddings = 40960, TieWordEmbeddings = tied, TorchDtype = "bfloat16",
    };

    /// <summary>Number of query heads that share one key/value head.</summary>
    [JsonIgnore] public int QueriesPerKeyValue => NumAttentionHeads / NumKeyValueHeads;

    /// <summary>
    /// Checks every setting. hidden_size need not equal heads x head_dim (Qwen3-0.6B: 1024 vs 16 x 128):
    /// the projections map between the two.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        Positive(VocabSize, "vocab_size");
        Positive(HiddenSize, "hidden_size");
        Positive(IntermediateSize, "intermediate_size");
        Positive(NumHiddenLayers, "num_hidden_layers");
        Positive(NumAttentionHeads, "num_attention_heads");
        Positive(NumKeyValueHeads, "num_key_value_heads");
        Positive(HeadDim, "head_dim");
        Positive(MaxPositionEmbeddings, "max_position_embeddings");
        if (NumAttentionHeads % NumKeyValueHeads != 0)
            throw Bad("num_key_value_heads", $"must divide num_attention_heads ({NumAttentionHeads})", NumKeyValueHeads);
        if (HeadDim % 2 != 0) throw Bad("head_dim", "must be even (rotary embeddings rotate pairs)", HeadDim);
        if (!(RmsNormEps > 0)) throw Bad("rms_norm_eps", "must be > 0", RmsNormEps);
        if (!(RopeTheta > 0)) throw Bad("rope_theta", "must be > 0", RopeTheta);
        if (!(InitializerRange >= 0)) throw Bad("initializer_range", "must be >= 0", InitializerRange);
        if (ModelType != "qwen3") throw Bad("model_type", "must be qwen3 (the only architecture implemented)", ModelType);
        if (HiddenAct != "silu") throw Bad("hidden_act", "must be silu (SwiGLU)", HiddenAct);
        if (AttentionBias) throw Bad("attention_bias", "must be false (Qwen3 projections have no bias)", AttentionBias);
        if (DType is not ("fp32" or "bf16")) throw Bad("dtype", "must be fp32 or bf16", DType);
        if (!IsDeviceName(Device)) throw Bad("device", "must be cpu, cuda or cuda:N", Device);
    }

    static bool IsDeviceName(string device) =>
        device == "cpu" || device == "cuda" ||
        (device.StartsWith("cuda:", StringComparison.Ordinal) && device.Length > 5 && device[5..].All(char.IsAsciiDigit));

    static void Positive(int value, string name)
    {
        if (value <= 0) throw Bad(name, "must be > 0", value);
    }

    static ArgumentException Bad(string name, string rule, object value) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"policy.{name} {rule} (got {value})"));
}
