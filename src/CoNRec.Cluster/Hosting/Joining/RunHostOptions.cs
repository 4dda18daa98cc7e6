using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Hosting.Joining;

/// <summary>What a joining node runs for the coordinator's run.</summary>
/// <param name="RolloutWorkers">Rollout workers, each with its own device thread and policy replica.</param>
/// <param name="RewardWorkers">Reward workers (CPU, stateless).</param>
/// <param name="Device">Where the rollout workers generate: "cpu", "cuda", "cuda:1".</param>
/// <param name="AskEvery">How often the node asks the coordinator which run is active (it notices a new or finished run this late).</param>
public sealed record RunHostOptions(int RolloutWorkers, int RewardWorkers, string Device = "cpu", PullOptions? Pull = null, TimeSpan? AskEvery = null)
{
    public TimeSpan AskInterval => AskEvery ?? TimeSpan.FromSeconds(2);

    public RunHostOptions Validate()
    {
        if (RolloutWorkers < 0) throw new ArgumentException($"node.rolloutWorkers must be >= 0 (got {RolloutWorkers})");
        if (RewardWorkers < 0) throw new ArgumentException($"node.rewardWorkers must be >= 0 (got {RewardWorkers})");
        if (RolloutWorkers + RewardWorkers == 0) throw new ArgumentException("node.workers: a node needs at least one rollout or reward worker");
        if (string.IsNullOrWhiteSpace(Device)) throw new ArgumentException("node.device must be set");
        if (AskInterval <= TimeSpan.Zero) throw new ArgumentException($"node.askEvery must be > 0 (got {AskInterval})");
        Pull?.Validate();
        return this;
    }
}
