using System.Globalization;

namespace CoNRec.Core.Grpo;

/// <summary>
/// Settings of one GRPO update (method.md, step 3): the PPO-clipped ratio term with separate low/high bounds,
/// beta times the k3 KL against the frozen warm-up model, a loss aggregation mode, mu epochs over the
/// batch in minibatches, and global gradient-norm clipping. Beta is set per curriculum stage by the caller.
/// </summary>
public sealed record GrpoOptions
{
    /// <summary>The ratio is clipped below at 1 - ClipLow.</summary>
    public double ClipLow { get; init; } = 0.2;

    /// <summary>The ratio is clipped above at 1 + ClipHigh (DAPO's "clip-higher" sets it above ClipLow).</summary>
    public double ClipHigh { get; init; } = 0.2;

    /// <summary>KL coefficient; the method's defaults by stage are 0.04 / 0.02 / 0.01. 0 drops the KL term.</summary>
    public double Beta { get; init; } = 0.04;

    public LossAggregation LossAggregation { get; init; } = LossAggregation.TokenMean;

    public AdvantageEstimator AdvantageEstimator { get; init; } = AdvantageEstimator.GroupNormalized;

    /// <summary>Another view of <see cref="AdvantageEstimator"/>: true is GRPO, false Dr. GRPO's mean-only advantage.</summary>
    public bool NormalizeAdvantageByStd
    {
        get => AdvantageEstimator == AdvantageEstimator.GroupNormalized;
        init => AdvantageEstimator = value ? AdvantageEstimator.GroupNormalized : AdvantageEstimator.GroupMeanOnly;
    }

    /// <summary>Added to the group std before dividing.</summary>
    public double AdvantageEpsilon { get; init; } = 1e-6;

    /// <summary>Passes (mu) over each sampled batch; above 1 the ratio departs from 1 and clipping matters.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Optimizer steps per epoch: the batch is cut into this many contiguous minibatches.</summary>
    public int MiniBatches { get; init; } = 1;

    /// <summary>Global gradient-norm clip; 0 turns clipping off (the norm is still reported).</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Sampling temperature; the learner's log-probabilities must use the same one.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public GrpoOptions Validate()
    {
        if (!(ClipLow >= 0 && ClipLow < 1)) throw Bad("grpo.clipLow must be in [0, 1)", ClipLow);
        if (!(ClipHigh >= 0) || double.IsInfinity(ClipHigh)) throw Bad("grpo.clipHigh must be a finite number >= 0", ClipHigh);
        if (!(Beta >= 0) || double.IsInfinity(Beta)) throw Bad("grpo.beta must be a finite number >= 0", Beta);
        if (!Enum.IsDefined(LossAggregation))
            throw new ArgumentException($"grpo.lossAggregation must be TokenMean, SeqMeanTokenMean or DrGrpo (got {(int)LossAggregation})");
        if (!Enum.IsDefined(AdvantageEstimator))
            throw new ArgumentException($"grpo.advantageEstimator must be GroupNormalized or GroupMeanOnly (got {(int)AdvantageEstimator})");
        if (!(AdvantageEpsilon > 0) || double.IsInfinity(AdvantageEpsilon)) throw Bad("grpo.advantageEpsilon must be a finite number > 0", AdvantageEpsilon);
        if (Epochs < 1) throw Bad("grpo.epochs must be >= 1", Epochs);
        if (MiniBatches < 1) throw Bad("grpo.miniBatches must be >= 1", MiniBatches);
        if (!(GradientClip >= 0) || double.IsInfinity(GradientClip)) throw Bad("grpo.gradientClip must be a finite number >= 0", GradientClip);
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw Bad("grpo.temperature must be a finite number > 0", Temperature);
        return this;
    }

    static ArgumentException Bad(string rule, double value) =>
        new($"{rule} (got {value.ToString(CultureInfo.InvariantCulture)})");
}
