using Akka.Actor;
using CoNRec.Cluster.Devices;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Rollout;

/// <summary>
/// Pulls rollout leases from the coordinator and generates them on its own device thread with its own policy
/// replica (<see cref="RolloutEngine"/>); tells the coordinator which version it holds so a lease names the
/// weights to load only when they changed.
/// </summary>
public sealed class RolloutWorker : PullingWorker<RolloutLease>
{
    readonly GrpoData _data;
    readonly string _device;
    readonly DeviceThread _thread;
    RolloutEngine? _engine;

    public RolloutWorker(IActorRef coordinator, GrpoData data, string device, PullOptions options, ILogger logger)
        : base(coordinator, options, logger)
    {
        _data = data;
        _device = device;
        _thread = new DeviceThread("rollout-device");
    }

    public static Props Props(IActorRef coordinator, GrpoData data, ILogger logger, string device = "cpu", PullOptions? options = null) =>
        Akka.Actor.Props.Create(() => new RolloutWorker(coordinator, data, device, options ?? PullOptions.Default, logger));

    protected override Task Prepare() => _thread.Run(() => _engine = RolloutEngine.Load(_data, _device));

    // Read on the actor thread; the engine only changes it on the device thread while a lease is in work.
    protected override IConrecMessage Wanted() => new RolloutWanted(WorkerId, _engine?.PolicyVersion ?? 0);

    protected override Task<IConrecMessage> Work(RolloutLease lease)
    {
        var engine = _engine!;
        var workerId = WorkerId;
        Log.Debug("Rollout of step {Step} group {Group} with policy {PolicyVersion}", lease.Key.Step, lease.Key.Group, lease.PolicyVersion);
        return _thread.Run<IConrecMessage>(() => engine.Generate(lease, workerId));
    }

    protected override WorkKey KeyOf(RolloutLease lease) => lease.Key;

    protected override void PostStop()
    {
        var engine = _engine;
        // The replica is disposed on its own thread, after any work still queued; the thread then ends.
        if (engine is not null) _thread.Run(engine.Dispose);
        _thread.Dispose();
        base.PostStop();
    }
}
