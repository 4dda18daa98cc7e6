using CoNRec.Model.Policy;

namespace CoNRec.Cluster.Benchmarks;

/// <summary>
/// The orchestration benchmark's shape: one curriculum stage of <see cref="Steps"/> steps, each
/// <see cref="Groups"/> x <see cref="AnchorsPerGroup"/> prompts sampled <see cref="GroupSize"/> times, on a synthetic
/// world of <see cref="Users"/> users and <see cref="Items"/> items with a fresh <see cref="Policy"/> preset.
/// </summary>
public sealed record OrchestrationBenchmarkOptions
{
    /// <summary>"tiny" or "small" (<see cref="PolicyConfig.Preset"/>).</summary>
    public string Policy { get; init; } = "small";
    public int Steps { get; init; } = 8;
    public int Groups { get; init; } = 4;
    public int AnchorsPerGroup { get; init; } = 8;
    public int GroupSize { get; init; } = 8;
    /// <summary>Timed rounds; each runs the direct path, then the actor path.</summary>
    public int Rounds { get; init; } = 2;
    /// <summary>Steps of each path run untimed first (JIT, libtorch kernels, the actor system's first start).</summary>
    public int WarmupSteps { get; init; } = 2;
    public int Users { get; init; } = 300;
    /// <summary>Catalogue size; each item's SID is [i / 32, (i / 4) % 8, i % 4], so at most 256.</summary>
    public int Items { get; init; } = 256;
    public int MaxContextTokens { get; init; } = 96;
    public double LearningRate { get; init; } = 1e-4;
    public long Seed { get; init; } = 5;

    public OrchestrationBenchmarkOptions Validate()
    {
        if (!PolicyConfig.PresetNames.Contains(Policy.Trim().ToLowerInvariant()) || Policy.StartsWith("qwen", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"bench.policy must be tiny or small (got '{Policy}')");
        if (Steps < 2) throw new ArgumentException($"bench.steps must be >= 2 (got {Steps}): the first step of each run is not counted");
        if (Groups < 1) throw new ArgumentException($"bench.groups must be >= 1 (got {Groups})");
        if (AnchorsPerGroup < 1) throw new ArgumentException($"bench.anchorsPerGroup must be >= 1 (got {AnchorsPerGroup})");
        if (GroupSize < 2) throw new ArgumentException($"bench.groupSize must be >= 2 (got {GroupSize})");
        if (Rounds < 1) throw new ArgumentException($"bench.rounds must be >= 1 (got {Rounds})");
        if (WarmupSteps < 1) throw new ArgumentException($"bench.warmupSteps must be >= 1 (got {WarmupSteps})");
        if (Users < 10) throw new ArgumentException($"bench.users must be >= 10 (got {Users})");
        if (Items is < 8 or > 256) throw new ArgumentException($"bench.items must be in [8, 256] (got {Items})");
        if (MaxContextTokens < 16) throw new ArgumentException($"bench.maxContextTokens must be >= 16 (got {MaxContextTokens})");
        if (!(LearningRate > 0)) throw new ArgumentException($"bench.learningRate must be > 0 (got {LearningRate})");
        return this;
    }
}

/// <summary>One timed run of one path: seconds of each counted step (the first is left out) and per phase, summed.</summary>
/// <param name="WallSeconds">The whole run, start-up and shut-down included.</param>
/// <param name="FinalMetrics">The last step's learner metrics (<see cref="Model.Grpo.LearnResult.Metrics"/> names).</param>
public sealed record PathTiming(string Path, double[] StepSeconds, double GenSeconds, double RewardSeconds, double UpdateSeconds,
    double WallSeconds, IReadOnlyDictionary<string, double> FinalMetrics)
{
    public double SecondsPerStep => StepSeconds.Length == 0 ? double.NaN : StepSeconds.Sum() / StepSeconds.Length;
    public double StepTotal => StepSeconds.Sum();
}

/// <summary>The benchmark's figures: every timed run, the mean seconds per step of each path and their ratio.</summary>
/// <param name="MetricsMatch">Whether every final learner metric of every run equals the first direct run's.</param>
/// <param name="LargestMetricDifference">The largest absolute difference between a run's final metric and the first direct run's.</param>
public sealed record OrchestrationBenchmarkResult(IReadOnlyList<PathTiming> Runs, double DirectSecondsPerStep, double ActorSecondsPerStep,
    bool MetricsMatch, double LargestMetricDifference)
{
    public double Ratio => ActorSecondsPerStep / DirectSecondsPerStep;
}
