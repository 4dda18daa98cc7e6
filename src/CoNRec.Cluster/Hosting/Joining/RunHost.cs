using Akka.Actor;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Reward;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Rollout;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Hosting.Joining;

/// <summary>
/// A joining node's part in whatever run the coordinator coordinates: it asks the coordinator's proxy which run is
/// active (<see cref="RunWanted"/>), builds that run's <see cref="GrpoData"/> from the offer with
/// <see cref="GrpoDataLoader.Load"/> (off the dispatcher: it reads the dataset and loads the warm-up bundle) and starts
/// its rollout and reward workers as children; it stops them when the run finishes or another run takes its place.
/// The workers pull leases like a training process's own; their ids carry this node's address and a per-run
/// generation, so they are unique in the cluster.
/// </summary>
public sealed class RunHost : ReceiveActor, IWithTimers
{
    const string AskTimer = "ask";

    readonly IActorRef _coordinator;
    readonly RunHostOptions _options;
    readonly ArtifactFetcher? _fetcher;
    readonly ILogger _log;
    readonly List<IActorRef> _workers = [];
    string? _run;
    int _generation;

    public RunHost(IActorRef coordinator, RunHostOptions options, ILogger logger, ArtifactFetcher? fetcher)
    {
        _coordinator = coordinator;
        _options = options.Validate();
        _fetcher = fetcher;
        _log = logger.ForContext(LogProperties.Role, "node");
        Receive<AskNow>(_ => _coordinator.Tell(new RunWanted(NodeId)));
        Receive<RunOffer>(OnOffer);
        Receive<Loaded>(OnLoaded);
        Receive<LoadFailed>(OnLoadFailed);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="fetcher">The node's data-plane fetcher, shared by its rollout workers; null: file:// weights only.</param>
    public static Props Props(IActorRef coordinator, RunHostOptions options, ILogger logger, ArtifactFetcher? fetcher = null) =>
        Akka.Actor.Props.Create(() => new RunHost(coordinator, options, logger, fetcher));


    string NodeId => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

    protected override void PreStart()
    {
        Self.Tell(AskNow.Instance);
        Timers.StartPeriodicTimer(AskTimer, AskNow.Instance, _options.AskInterval);
    }

    void OnOffer(RunOffer offer)
    {
        if (offer.Finished)
        {
            if (offer.RunId != _run) return;
            _log.Information("Run {RunId} finished; stopping {Workers} workers", offer.RunId, _workers.Count);
            StopWorkers();
            _run = null;
            return;
        }
        if (offer.RunId == _run) return;
        if (_run is not null) _log.Information("Run {RunId} replaced by {NewRunId}; stopping {Workers} workers", _run, offer.RunId, _workers.Count);
        StopWorkers();
        _run = offer.RunId;
        var generation = ++_generation;
        _log.Information("Joining run {RunId}: loading {Dataset} and {WarmupBundle}", offer.RunId, offer.DatasetPath, offer.WarmupBundle);
        var run = new JoinableRun(offer.ConfigJson, offer.DatasetPath, offer.WarmupBundle);
        Task.Run(() => GrpoDataLoader.Load(run))
            .PipeTo(Self, success: data => new Loaded(generation, offer.RunId, data), failure: e => new LoadFailed(generation, offer.RunId, e));
    }

    void OnLoaded(Loaded loaded)
    {
        if (loaded.Generation != _generation) return;
        var log = _log.ForContext(LogProperties.RunId, loaded.Run);
        for (var i = 1; i <= _options.RolloutWorkers; i++)
            _workers.Add(Context.ActorOf(RolloutWorker.Props(_coordinator, loaded.Data, log.ForContext(LogProperties.Role, RoleNames.Rollout), _options.Device,
                _options.Pull, _fetcher), $"{ActorNames.RolloutWorker(i)}-run{loaded.Generation}"));
        for (var i = 1; i <= _options.RewardWorkers; i++)
            _workers.Add(Context.ActorOf(RewardWorker.Props(_coordinator, loaded.Data, log.ForContext(LogProperties.Role, RoleNames.Reward), _options.Pull),
                $"{ActorNames.RewardWorker(i)}-run{loaded.Generation}"));
        log.Information("Run {RunId}: {Rollout} rollout and {Reward} reward workers started", loaded.Run, _options.RolloutWorkers, _options.RewardWorkers);
    }

    void OnLoadFailed(LoadFailed failed)
    {
        if (failed.Generation != _generation) return;
        _log.Error(failed.Error, "Could not load run {RunId}; asking again", failed.Run);
        // Forgotten, so that the next offer of the same run tries again (a shared directory mounted late).
        _run = null;
    }

    void StopWorkers()
    {
        foreach (var worker in _workers) Context.Stop(worker);
        _workers.Clear();
    }

    sealed class AskNow : INoSerializationVerificationNeeded
    {
        public static readonly AskNow Instance = new();
    }

    sealed record Loaded(int Generation, string Run, GrpoData Data) : INoSerializationVerificationNeeded;

    sealed record LoadFailed(int Generation, string Run, Exception Error) : INoSerializationVerificationNeeded;
}
