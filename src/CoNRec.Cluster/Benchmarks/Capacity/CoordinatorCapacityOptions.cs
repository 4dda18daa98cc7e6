namespace CoNRec.Cluster.Benchmarks.Capacity;

/// <summary>
/// The coordinator capacity benchmark's settings. A point runs <see cref="WarmupSeconds"/> untimed, then
/// <see cref="Seconds"/> timed; every worker count runs once per round. Each step is <see cref="GroupsPerStep"/> groups of one prompt sampled
/// <see cref="GroupSize"/> times, every completion <see cref="Depth"/> tokens: many small groups, so the step hand-off
/// to the learner (and its run-store write) is rare and each message's handling in the coordinator is what counts.
/// </summary>
public sealed record CoordinatorCapacityOptions
{
    /// <summary>Simulated workers per point, half rollout, half reward (the odd one rolls out).</summary>
    public IReadOnlyList<int> Workers { get; init; } = [8, 32, 128];
    public double Seconds { get; init; } = 4;
    public double WarmupSeconds { get; init; } = 2;
    /// <summary>Passes over the worker counts; each count's figures are over all its rounds.</summary>
    public int Rounds { get; init; } = 3;
    public int GroupsPerStep { get; init; } = 16_384;
    public int GroupSize { get; init; } = 4;
    public int Depth { get; init; } = 3;
    public long Seed { get; init; } = 1;

    public CoordinatorCapacityOptions Validate()
    {
        if (Workers is null || Workers.Count == 0) throw new ArgumentException("bench.workers must list at least one worker count");
        foreach (var workers in Workers)
            if (workers is < 2 or > 4096) throw new ArgumentException($"bench.workers must be in [2, 4096] (got {workers}): one rollout and one reward worker at least");
        if (!(Seconds > 0) || Seconds > 3600) throw new ArgumentException($"bench.seconds must be in (0, 3600] (got {Seconds})");
        if (!(WarmupSeconds >= 0) || WarmupSeconds > 600) throw new ArgumentException($"bench.warmupSeconds must be in [0, 600] (got {WarmupSeconds})");
        if (Rounds is < 1 or > 100) throw new ArgumentException($"bench.rounds must be in [1, 100] (got {Rounds})");
        if (GroupsPerStep < 1) throw new ArgumentException($"bench.groupsPerStep must be >= 1 (got {GroupsPerStep})");
        if (GroupSize < 2) throw new ArgumentException($"bench.groupSize must be >= 2 (got {GroupSize})");
        if (Depth < 1) throw new ArgumentException($"bench.depth must be >= 1 (got {Depth})");
        return this;
    }
}
