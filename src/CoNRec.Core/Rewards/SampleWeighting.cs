namespace CoNRec.Core.Rewards;

/// <summary>
/// Between GRPO stages, the previous stage's model flags training samples whose generation is too close to the
/// user's future positives, and the next stage up-weights them (method.md step 3). A sample is flagged when
/// ANY of its given generations (its G rollouts or its top beam) has a best cosine to the anchor's FPS strictly
/// above <see cref="SampleWeightingOptions.ProximityThreshold"/>; an empty FPS never flags. Deterministic.
/// </summary>
public sealed class SampleWeighting(RewardContext context, SampleWeightingOptions options)
{
    readonly SampleWeightingOptions _options = options.Validate();

    public SampleWeightingOptions Options => _options;

    /// <summary>The highest cosine between any generation and any future positive of the anchor (0 for an empty FPS).</summary>
    public float Proximity(RewardAnchor anchor, ReadOnlySpan<int> generated)
    {
        var fps = context.TargetsOf(anchor).Fps;
        if (fps.Length == 0 || generated.IsEmpty) return 0f;
        var best = float.NegativeInfinity;
        foreach (var item in generated) best = MathF.Max(best, context.MaxCosine(item, fps));
        return best;
    }

    public bool IsFlagged(RewardAnchor anchor, ReadOnlySpan<int> generated) =>
        context.TargetsOf(anchor).Fps.Length > 0 && !generated.IsEmpty && Proximity(anchor, generated) > _options.ProximityThreshold;

    public float WeightOf(RewardAnchor anchor, ReadOnlySpan<int> generated) =>
        IsFlagged(anchor, generated) ? (float)_options.UpWeight : 1f;

    /// <summary>weights[k] = WeightOf(anchors[k], generated[k]), in parallel over anchors.</summary>
    public float[] Weights(IReadOnlyList<RewardAnchor> anchors, IReadOnlyList<int[]> generated)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(generated);
        if (anchors.Count != generated.Count)
            throw new ArgumentException($"{generated.Count} generation lists for {anchors.Count} anchors", nameof(generated));
        var weights = new float[anchors.Count];
        Parallel.For(0, weights.Length, k => weights[k] = WeightOf(anchors[k], generated[k]));
        return weights;
    }
}
