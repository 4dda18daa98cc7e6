using Akka.Actor;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Benchmarks.Capacity;

/// <summary>
/// A rollout worker without a model: the real pull loop (<see cref="PullingWorker{TLease}"/>) answering each lease at
/// once with completions of the lease's shape (rows = anchors x group size, <c>depth</c> tokens each, zeros).
/// </summary>
public sealed class SimulatedRolloutWorker : PullingWorker<RolloutLease>
{
    readonly int _depth;
    long _version;

    public SimulatedRolloutWorker(IActorRef coordinator, int depth, ILogger logger) : base(coordinator, PullOptions.Default, logger) => _depth = depth;

    public static Props Props(IActorRef coordinator, int depth, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SimulatedRolloutWorker(coordinator, depth, logger));

    protected override Task Prepare() => Task.CompletedTask;

    protected override IConrecMessage Wanted() => new RolloutWanted(WorkerId, _version);

    protected override Task<IConrecMessage> Work(RolloutLease lease)
    {
        _version = lease.PolicyVersion;
        var rows = lease.Anchors.Length * lease.GroupSize;
        var items = new int[rows];
        for (var i = 0; i < rows; i++) items[i] = i;
        return Task.FromResult<IConrecMessage>(new RolloutDone(lease.Key, WorkerId, lease.PolicyVersion, _depth, new int[rows * _depth], new float[rows * _depth],
            items, Seconds: 0));
    }

    protected override WorkKey KeyOf(RolloutLease lease) => lease.Key;
}

/// <summary>A reward worker without a reward context: every row scores 0 with weight 1, at once.</summary>
public sealed class SimulatedRewardWorker : PullingWorker<ScoringLease>
{
    public SimulatedRewardWorker(IActorRef coordinator, ILogger logger) : base(coordinator, PullOptions.Default, logger)
    {
    }

    public static Props Props(IActorRef coordinator, ILogger logger) => Akka.Actor.Props.Create(() => new SimulatedRewardWorker(coordinator, logger));

    protected override Task Prepare() => Task.CompletedTask;

    protected override IConrecMessage Wanted() => new ScoringWanted(WorkerId);

    protected override Task<IConrecMessage> Work(ScoringLease lease)
    {
        var weights = new float[lease.Items.Length];
        Array.Fill(weights, 1f);
        return Task.FromResult<IConrecMessage>(new ScoringDone(lease.Key, WorkerId, new float[lease.Items.Length], weights, Seconds: 0));
    }

    protected override WorkKey KeyOf(ScoringLease lease) => lease.Key;
}
