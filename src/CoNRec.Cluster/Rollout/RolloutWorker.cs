using Akka.Actor;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Devices;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Rollout;

/// <summary>
/// Pulls rollout leases from the coordinator and generates them on its own device thread with its own policy
/// replica (<see cref="RolloutEngine"/>); tells the coordinator which version it holds so a lease names the
/// weights to load only when they changed. New weights are fetched and verified by the node's
/// <see cref="ArtifactFetcher"/> on the thread pool (neither the device thread nor the actor waits on a download),
/// then loaded on the device thread. A failed fetch fails the lease, logged with the URI; the coordinator issues it
/// again. Once a new version is loaded, the cached copy of the one it replaced is dropped.
/// </summary>
public sealed class RolloutWorker : PullingWorker<RolloutLease>
{
    readonly GrpoData _data;
    readonly string _device;
    readonly ArtifactFetcher? _fetcher;
    readonly DeviceThread _thread;
    readonly CancellationTokenSource _stopping = new();
    RolloutEngine? _engine;

    public RolloutWorker(IActorRef coordinator, GrpoData data, string device, PullOptions options, ILogger logger, ArtifactFetcher? fetcher = null)
        : base(coordinator, options, logger)
    {
        _data = data;
        _device = device;
        _fetcher = fetcher;
        _thread = new DeviceThread("rollout-device");
    }

    /// <param name="fetcher">The node's fetcher (shared by its workers); null: file:// weights checked in place.</param>
    public static Props Props(IActorRef coordinator, GrpoData data, ILogger logger, string device = "cpu", PullOptions? options = null,
        ArtifactFetcher? fetcher = null) =>
        Akka.Actor.Props.Create(() => new RolloutWorker(coordinator, data, device, options ?? PullOptions.Default, logger, fetcher));

    protected override Task Prepare() => _thread.Run(() => _engine = RolloutEngine.Load(_data, _device));

    // Read on the actor thread; the engine only changes it on the device thread while a lease is in work.
    protected override IConrecMessage Wanted() => new RolloutWanted(WorkerId, _engine?.PolicyVersion ?? 0);

    protected override Task<IConrecMessage> Work(RolloutLease lease)
    {
        var engine = _engine!;
        var workerId = WorkerId;
        Log.Debug("Rollout of step {Step} group {Group} with policy {PolicyVersion}", lease.Key.Step, lease.Key.Group, lease.PolicyVersion);
        if (lease.PolicyVersion == engine.PolicyVersion) return _thread.Run<IConrecMessage>(() => engine.Generate(lease, workerId));
        var fetch = new PolicyFetch(_fetcher, _thread, engine, Log.ForContext(LogProperties.RunId, lease.Key.RunId).ForContext(LogProperties.Step, lease.Key.Step));
        return fetch.ThenGenerateAsync(lease, workerId, _stopping.Token);
    }

    protected override WorkKey KeyOf(RolloutLease lease) => lease.Key;

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        var engine = _engine;
        // The replica is disposed on its own thread, after any work still queued; the thread then ends.
        if (engine is not null) _thread.Run(engine.Dispose);
        _thread.Dispose();
        base.PostStop();
    }

    /// <summary>One lease's new weights: fetched off the actor and the device thread, loaded and used on the device thread.</summary>
    sealed class PolicyFetch(ArtifactFetcher? fetcher, DeviceThread thread, RolloutEngine engine, ILogger log)
    {
        public async Task<IConrecMessage> ThenGenerateAsync(RolloutLease lease, string workerId, CancellationToken cancellationToken)
        {
            var policy = lease.Policy;
            string file;
            try
            {
                file = await (fetcher?.FetchFileAsync(policy, cancellationToken) ?? Task.Run(() => FileArtifacts.VerifiedFile(policy), cancellationToken))
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException)
            {
                log.Warning("Rollout could not fetch policy {PolicyVersion} from {Uri}: {Reason}; lease of step {Step} group {Group} fails and goes back to the coordinator",
                    lease.PolicyVersion, policy.Uri, e.Message, lease.Key.Step, lease.Key.Group);
                throw;
            }
            log.Debug("Rollout fetched policy {PolicyVersion} from {Uri}", lease.PolicyVersion, policy.Uri);
            var (done, replaced) = await thread.Run(() =>
            {
                var held = engine.Policy;
                return ((IConrecMessage)engine.Generate(lease, workerId, file), held);
            }, cancellationToken).ConfigureAwait(false);
            if (replaced is not null && replaced != policy) fetcher?.Forget(replaced);
            return done;
        }
    }
}
