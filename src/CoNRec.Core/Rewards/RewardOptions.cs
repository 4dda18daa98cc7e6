using System.Globalization;

namespace CoNRec.Core.Rewards;

/// <summary>Settings of the future-grounded reward (method.md step 4). Defaults follow the paper where it says.</summary>
public sealed record RewardOptions
{
    public RewardVariant Variant { get; init; } = RewardVariant.NegativeMinusPositive;

    /// <summary>W: GTS and FPS are drawn from the events in the anchor's next W days.</summary>
    public double WindowDays { get; init; } = 7;

    /// <summary>Weight of the future-positive penalty (variants c and d).</summary>
    public double Gamma { get; init; } = 0.5;

    /// <summary>Variants b and d: a best GTS cosine below this counts as 0 (one at or above it is kept as is).</summary>
    public double TruncationThreshold { get; init; } = 0.6;

    /// <summary>Variant d: a best FPS cosine below this counts as 0, so it costs nothing.</summary>
    public double FpsThreshold { get; init; } = 0.6;

    /// <summary>Hit variants: the generated SID equals a target's SID (every code, suffix included).</summary>
    public double HitExact { get; init; } = 1;

    /// <summary>Hit variants: the first two codes match a target's (but not the whole SID).</summary>
    public double HitTwoLevelPrefix { get; init; } = 0.1;

    /// <summary>Hit variants: only the first code matches a target's.</summary>
    public double HitOneLevelPrefix { get; init; } = 0.01;

    /// <summary>Top Swing neighbours added to GTS for each future negative (0: the negatives alone).</summary>
    public int SwingNeighbours { get; init; } = 10;

    public bool UsesSidCodes => Variant is RewardVariant.HitBased or RewardVariant.NextNegativeHit;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public RewardOptions Validate()
    {
        if (!Enum.IsDefined(Variant)) throw new ArgumentException($"reward.variant {(int)Variant} is not a known variant");
        if (!(WindowDays > 0) || double.IsInfinity(WindowDays))
            throw Bad("reward.windowDays must be a positive number of days", WindowDays);
        RequireAtLeastZero(Gamma, "reward.gamma");
        RequireCosine(TruncationThreshold, "reward.truncationThreshold");
        RequireCosine(FpsThreshold, "reward.fpsThreshold");
        RequireAtLeastZero(HitExact, "reward.hitExact");
        RequireAtLeastZero(HitTwoLevelPrefix, "reward.hitTwoLevelPrefix");
        RequireAtLeastZero(HitOneLevelPrefix, "reward.hitOneLevelPrefix");
        if (SwingNeighbours < 0) throw Bad("reward.swingNeighbours must be >= 0", SwingNeighbours);
        return this;
    }

    static void RequireAtLeastZero(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0) throw Bad($"{name} must be >= 0", value);
    }

    static void RequireCosine(double value, string name)
    {
        if (!(value >= -1 && value <= 1)) throw Bad($"{name} must be a cosine in [-1, 1]", value);
    }

    static ArgumentException Bad(string rule, double value) => new($"{rule} (got {value.ToString(CultureInfo.InvariantCulture)})");
}
