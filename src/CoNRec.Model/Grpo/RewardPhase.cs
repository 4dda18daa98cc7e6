using CoNRec.Core.Rewards;

namespace CoNRec.Model.Grpo;

/// <summary>
/// GRPO's second phase: every sampled item is scored against its prompt's anchor (method.md step 4). Plain
/// data in and out, no model: it can run on any thread or machine that holds a <see cref="RewardContext"/>.
/// </summary>
public static class RewardPhase
{
    /// <param name="anchors">One per prompt of the batch, in the batch's prompt order.</param>
    /// <returns>(Rows) rewards, row r for the batch's row r.</returns>
    public static float[] Score(RewardScorer scorer, IReadOnlyList<RewardAnchor> anchors, RolloutBatch batch)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        CheckAnchors(anchors, batch);
        var rewards = new float[batch.Rows];
        Parallel.For(0, batch.Prompts, p =>
            scorer.Score(anchors[p], batch.ItemsOf(p), rewards.AsSpan(p * batch.GroupSize, batch.GroupSize)));
        return rewards;
    }

    /// <summary>
    /// Per-row sample weights: a prompt whose generations come too close to its anchor's future positives is
    /// up-weighted (<see cref="SampleWeighting"/>), and all G rows of the prompt carry its weight. Null without a
    /// weighting (every row weighs 1).
    /// </summary>
    public static float[]? Weights(SampleWeighting? weighting, IReadOnlyList<RewardAnchor> anchors, RolloutBatch batch)
    {
        CheckAnchors(anchors, batch);
        if (weighting is null) return null;
        var weights = new float[batch.Rows];
        Parallel.For(0, batch.Prompts, p =>
            weights.AsSpan(p * batch.GroupSize, batch.GroupSize).Fill(weighting.WeightOf(anchors[p], batch.ItemsOf(p))));
        return weights;
    }

    static void CheckAnchors(IReadOnlyList<RewardAnchor> anchors, RolloutBatch batch)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        if (anchors.Count != batch.Prompts)
            throw new ArgumentException($"{anchors.Count} anchors for a rollout batch of {batch.Prompts} prompts", nameof(anchors));
    }
}
