using System.Globalization;

namespace CoNRec.Core.Rewards;

/// <summary>Cross-stage up-weighting of method.md step 3 (the paper gives no numbers; these are ours).</summary>
public sealed record SampleWeightingOptions
{
    /// <summary>A sample is flagged when a generation's best cosine to the anchor's FPS is above this.</summary>
    public double ProximityThreshold { get; init; } = 0.8;

    /// <summary>The weight of a flagged sample; unflagged samples weigh 1.</summary>
    public double UpWeight { get; init; } = 2.0;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public SampleWeightingOptions Validate()
    {
        if (!(ProximityThreshold >= -1 && ProximityThreshold <= 1))
            throw Bad("weighting.proximityThreshold must be a cosine in [-1, 1]", ProximityThreshold);
        if (!double.IsFinite(UpWeight) || UpWeight < 1) throw Bad("weighting.upWeight must be >= 1", UpWeight);
        return this;
    }

    static ArgumentException Bad(string rule, double value) => new($"{rule} (got {value.ToString(CultureInfo.InvariantCulture)})");
}
