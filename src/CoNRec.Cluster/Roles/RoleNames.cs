namespace CoNRec.Cluster.Roles;

/// <summary>The cluster roles a node can take; a single-process run takes all four.</summary>
public static class RoleNames
{
    public const string Coordinator = "coordinator";
    public const string Rollout = "rollout";
    public const string Reward = "reward";
    public const string Learner = "learner";

    public static IReadOnlyList<string> All { get; } = [Coordinator, Rollout, Reward, Learner];
}

/// <summary>Stable, kebab-case actor names (paths other nodes look up).</summary>
public static class ActorNames
{
    /// <summary>The coordinator singleton's manager (the singleton itself is its child "singleton").</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The learner of a node, at /user/learner: the coordinator finds it by this path on learner nodes.</summary>
    public const string Learner = "learner";

    public static string RolloutWorker(int index) => $"rollout-{index}";

    public static string RewardWorker(int index) => $"reward-{index}";
}
