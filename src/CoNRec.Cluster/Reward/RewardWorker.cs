using Akka.Actor;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Reward;

/// <summary>
/// Pulls scoring leases from the coordinator and scores them on the thread pool (no tensors, no model: stateless
/// and elastic, any number per node).
/// </summary>
public sealed class RewardWorker : PullingWorker<ScoringLease>
{
    readonly RewardEngine _engine;

    public RewardWorker(IActorRef coordinator, GrpoData data, PullOptions options, ILogger logger)
        : base(coordinator, options, logger) => _engine = new RewardEngine(data);

    public static Props Props(IActorRef coordinator, GrpoData data, ILogger logger, PullOptions? options = null) =>
        Akka.Actor.Props.Create(() => new RewardWorker(coordinator, data, options ?? PullOptions.Default, logger));

    protected override Task Prepare() => Task.CompletedTask;

    protected override IConrecMessage Wanted() => new ScoringWanted(WorkerId);

    protected override Task<IConrecMessage> Work(ScoringLease lease)
    {
        var workerId = WorkerId;
        var engine = _engine;
        return Task.Run<IConrecMessage>(() => engine.Score(lease, workerId));
    }

    protected override WorkKey KeyOf(ScoringLease lease) => lease.Key;
}
