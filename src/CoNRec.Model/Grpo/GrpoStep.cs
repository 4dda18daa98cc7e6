using System.Diagnostics;
using CoNRec.Core.Grpo;
using CoNRec.Core.Rewards;

namespace CoNRec.Model.Grpo;

/// <summary>
/// One GRPO step with its three phases called directly, in order, on the calling thread: rollout with the
/// learner's policy, rewards, learner update. The distributed trainer runs the same phases on separate roles; this
/// is the in-process reference and the baseline of the overhead benchmark.
/// </summary>
public static class GrpoStep
{
    /// <param name="anchors">One per prompt: where its reward looks into the future.</param>
    /// <param name="seed">Seeds the rollout sampling.</param>
    /// <param name="weighting">Cross-stage up-weighting, or null for every sample weighing 1.</param>
    public static GrpoStepResult Run(LearnerPhase learner, RewardScorer scorer, IReadOnlyList<RewardAnchor> anchors, IReadOnlyList<int[]> prompts,
        int groupSize, GrpoOptions options, double learningRate, long seed, SampleWeighting? weighting = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (anchors.Count != prompts.Count) throw new ArgumentException($"{anchors.Count} anchors for {prompts.Count} prompts", nameof(anchors));

        var start = Stopwatch.GetTimestamp();
        var rollout = RolloutPhase.Generate(learner.Policy, learner.Trie, prompts, groupSize, options.Temperature, seed);
        var generated = Stopwatch.GetTimestamp();
        ct.ThrowIfCancellationRequested();
        var rewards = RewardPhase.Score(scorer, anchors, rollout);
        var weights = RewardPhase.Weights(weighting, anchors, rollout);
        var scored = Stopwatch.GetTimestamp();
        var learned = learner.Learn(prompts, rollout, rewards, weights, options, learningRate, ct);
        var end = Stopwatch.GetTimestamp();

        long promptTokens = 0;
        foreach (var prompt in prompts) promptTokens += prompt.Length;
        var timings = new GrpoTimings(Seconds(start, generated), Seconds(generated, scored), Seconds(scored, end), Seconds(start, end));
        return new GrpoStepResult(rollout, rewards, weights, learned, timings, promptTokens * groupSize + rollout.CompletionTokens);
    }

    /// <summary>The step for a sampler's batch.</summary>
    public static GrpoStepResult Run(LearnerPhase learner, RewardScorer scorer, SampledPrompts batch, int groupSize, GrpoOptions options,
        double learningRate, long seed, SampleWeighting? weighting = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Run(learner, scorer, batch.RewardAnchors, batch.Prompts, groupSize, options, learningRate, seed, weighting, ct);
    }

    static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;
}
