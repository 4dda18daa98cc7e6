using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Lora;

/// <summary>
/// Identifies the base model an adapter was trained on: a SHA-256 of the architecture (config.json's fields,
/// without torch_dtype) and a SHA-256 of a few weight slices rounded to bfloat16, so that the same base
/// loaded in fp32 or bf16, on any device, gives the same fingerprint, while another checkpoint (or another
/// random initialisation) of the same shape does not.
/// </summary>
public sealed record BaseFingerprint(
    [property: JsonPropertyName("config_sha256")] string ConfigSha256,
    [property: JsonPropertyName("weights_sha256")] string WeightsSha256)
{
    const int RowsHashed = 8;

    /// <summary>Fingerprint of a model; LoRA-wrapped projections are read through to their base weights.</summary>
    public static BaseFingerprint Of(PolicyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config with { TorchDtype = "" };
        var configHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.ToJson())));

        var last = model.Config.NumHiddenLayers - 1;
        string[] names =
        [
            "model.embed_tokens.weight", "model.norm.weight", "model.layers.0.self_attn.q_proj.weight",
            $"model.layers.{last}.mlp.down_proj.weight", $"model.layers.{last}.post_attention_layernorm.weight",
        ];
        var weights = model.state_dict();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var scope = NewDisposeScope();
        foreach (var name in names)
        {
            var tensor = weights.TryGetValue(name, out var plain) ? plain : weights[name.Replace(".weight", ".base_layer.weight", StringComparison.Ordinal)];
            var slice = tensor.narrow(0, 0, Math.Min(RowsHashed, tensor.shape[0]));
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData(slice.detach().to(ScalarType.BFloat16).cpu().contiguous().bytes);
        }
        return new BaseFingerprint(configHash, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Why this fingerprint (the adapter's) does not fit <paramref name="actual"/> (the base's), or null.</summary>
    public string? Mismatch(BaseFingerprint actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (ConfigSha256 != actual.ConfigSha256)
            return $"the base's architecture differs (config_sha256 {Short(actual.ConfigSha256)}, the adapter expects {Short(ConfigSha256)})";
        if (WeightsSha256 != actual.WeightsSha256)
            return $"the base's weights differ (weights_sha256 {Short(actual.WeightsSha256)}, the adapter expects {Short(WeightsSha256)})";
        return null;
    }

    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
