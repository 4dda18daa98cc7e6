using System.Globalization;
using CoNRec.Model.Policy;

namespace CoNRec.Model.Lora;

/// <summary>Low-rank adapters (LoRA, Hu et al. 2021) on the policy's linear projections.</summary>
public sealed record LoraOptions
{
    /// <summary>The projections every Qwen3 layer has: attention q/k/v/o and the SwiGLU gate/up/down.</summary>
    public static IReadOnlyList<string> AllTargets { get; } = [.. Attention.ProjectionNames, .. Mlp.ProjectionNames];

    /// <summary>r: the rank of the update B A.</summary>
    public int Rank { get; init; } = 8;

    /// <summary>The update is scaled by Alpha / Rank.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Dropout on the adapter's input (training mode only).</summary>
    public double Dropout { get; init; } = 0.05;

    /// <summary>Projection names to adapt in every layer; any of <see cref="AllTargets"/>.</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = AllTargets;

    /// <summary>
    /// Whole modules trained and saved with the adapter (PEFT's modules_to_save): "embed_tokens" and "lm_head" when
    /// new tokens (our SIDs) were added to a pretrained vocabulary, since their rows start untrained.
    /// </summary>
    public IReadOnlyList<string> ModulesToSave { get; init; } = [];

    /// <summary>The modules <see cref="ModulesToSave"/> accepts.</summary>
    public static IReadOnlyList<string> SavableModules { get; } = ["embed_tokens", "lm_head"];

    /// <summary>Seeds the initial A matrices.</summary>
    public long Seed { get; init; }

    public double Scaling => Alpha / Rank;

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Rank <= 0) throw Bad("rank", "must be > 0", Rank);
        if (!(Alpha > 0)) throw Bad("alpha", "must be > 0", Alpha);
        if (!(Dropout >= 0 && Dropout < 1)) throw Bad("dropout", "must be in [0, 1)", Dropout);
        if (TargetModules is null || TargetModules.Count == 0) throw Bad("target_modules", "must name at least one projection", "none");
        foreach (var target in TargetModules)
            if (!AllTargets.Contains(target))
                throw Bad("target_modules", $"must be among {string.Join(", ", AllTargets)}", target);
        foreach (var module in ModulesToSave ?? [])
            if (!SavableModules.Contains(module))
                throw Bad("modules_to_save", $"must be among {string.Join(", ", SavableModules)}", module);
        if (TargetModules.Distinct(StringComparer.Ordinal).Count() != TargetModules.Count)
            throw Bad("target_modules", "must not repeat a projection", string.Join(",", TargetModules));
    }

    static ArgumentException Bad(string name, string rule, object value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"lora.{name} {rule} (got {value})"));
}
