using System.Text.Json.Serialization;
using CoNRec.Model.Lora;
using CoNRec.Model.Policy;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// The policy model: a preset shape trained from scratch (<see cref="PolicyConfig.PresetNames"/>) or a Hugging Face
/// Qwen3 folder (config.json + safetensors) to start from, where and in what precision it runs, and optional LoRA.
/// </summary>
public sealed record PolicySection
{
    public const string DefaultPreset = "small";

    /// <summary>A preset name; null means <see cref="DefaultPreset"/> unless <see cref="Backbone"/> is given.</summary>
    public string? Preset { get; init; }

    /// <summary>A folder with a Hugging Face Qwen3 config.json and safetensors weights; relative to the config file's folder.</summary>
    public string? Backbone { get; init; }

    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>"fp32" or "bf16".</summary>
    public string Dtype { get; init; } = "fp32";

    /// <summary>Train low-rank adapters instead of every weight; null trains the whole model.</summary>
    public LoraOptions? Lora { get; init; }

    /// <summary>The preset in use, or null when the policy starts from <see cref="Backbone"/>.</summary>
    [JsonIgnore] public string? EffectivePreset => Backbone is null ? (Preset ?? DefaultPreset).Trim().ToLowerInvariant() : null;

    /// <summary>The preset's shape on this device and dtype; null for a backbone, whose shape is in its folder.</summary>
    public PolicyConfig? PresetConfig() =>
        EffectivePreset is { } preset ? PolicyConfig.Preset(preset) with { Device = Device, DType = Dtype } : null;

    public void Validate()
    {
        if (Preset is not null && Backbone is not null)
            throw new ArgumentException("policy.preset and policy.backbone exclude each other: give one");
        if (Backbone is not null && string.IsNullOrWhiteSpace(Backbone))
            throw new ArgumentException("policy.backbone must name a folder (got an empty string)");
        if (EffectivePreset is { } preset && !PolicyConfig.PresetNames.Contains(preset))
            throw new ArgumentException($"policy.preset must be one of {string.Join(", ", PolicyConfig.PresetNames)} (got '{Preset}')");
        // The preset's own checks cover device and dtype; a backbone's shape is checked when its folder is read.
        SectionErrors.Rebase(() => (PresetConfig() ?? PolicyConfig.Small with { Device = Device, DType = Dtype }).Validate(), "policy", "policy");
        if (Lora is not null) SectionErrors.Rebase(Lora.Validate, "lora", "policy.lora");
    }

    /// <summary>This section with a relative <see cref="Backbone"/> made absolute against <paramref name="folder"/>.</summary>
    public PolicySection ResolvedAgainst(string folder) =>
        Backbone is null || Path.IsPathRooted(Backbone) ? this : this with { Backbone = Path.GetFullPath(Path.Combine(folder, Backbone)) };
}
