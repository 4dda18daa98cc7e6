namespace CoNRec.Core.Rewards;

/// <summary>
/// Scores generated items for an anchor with the variant of <see cref="RewardContext.Options"/> (see
/// <see cref="RewardVariant"/>). An empty GTS makes the positive term 0 and an empty FPS the penalty 0, so
/// an anchor with no future at all rewards every item 0 (the group's advantages are then all 0). Thread-safe.
/// </summary>
public sealed class RewardScorer(RewardContext context)
{
    readonly RewardOptions _options = context.Options;

    public RewardContext Context => context;

    public float Score(RewardAnchor anchor, int generatedItem) => Score(context.TargetsOf(anchor), generatedItem);

    /// <summary>rewards[k] = Score(anchor, items[k]); the anchor's targets are looked up once.</summary>
    public void Score(RewardAnchor anchor, ReadOnlySpan<int> items, Span<float> rewards)
    {
        if (rewards.Length != items.Length)
            throw new ArgumentException($"{rewards.Length} reward slots for {items.Length} items", nameof(rewards));
        var targets = context.TargetsOf(anchor);
        for (var k = 0; k < items.Length; k++) rewards[k] = Score(targets, items[k]);
    }

    public float Score(RewardTargets targets, int item) => _options.Variant switch
    {
        RewardVariant.NegativesOnly => Positive(targets, item),
        RewardVariant.Truncated => Truncate(Positive(targets, item), _options.TruncationThreshold),
        RewardVariant.NegativeMinusPositive => Positive(targets, item) - (float)_options.Gamma * Penalty(targets, item),
        RewardVariant.DoubleTruncated => Truncate(Positive(targets, item), _options.TruncationThreshold)
            - (float)_options.Gamma * Truncate(Penalty(targets, item), _options.FpsThreshold),
        RewardVariant.HitBased => BestHit(targets.Gts, item),
        RewardVariant.NextNegativeHit => targets.NextNegative < 0 ? 0f : BestHit([targets.NextNegative], item),
        _ => throw new InvalidOperationException($"reward.variant {_options.Variant} is not supported"),
    };

    /// <summary>max over GTS of cos(e_item, e_i); 0 for an empty GTS.</summary>
    float Positive(RewardTargets targets, int item) => context.MaxCosine(item, targets.Gts);

    /// <summary>max over FPS of cos(e_item, e_j); 0 for an empty FPS.</summary>
    float Penalty(RewardTargets targets, int item) => context.MaxCosine(item, targets.Fps);

    /// <summary>Below the threshold counts as 0; at or above it the value is kept unchanged (no shift).</summary>
    static float Truncate(float value, double threshold) => value < threshold ? 0f : value;

    float BestHit(ReadOnlySpan<int> targets, int item)
    {
        var generated = context.SidCodes(item);
        var best = 0.0;
        foreach (var target in targets) best = Math.Max(best, SidHits.Credit(generated, context.SidCodes(target), _options));
        return (float)best;
    }
}
