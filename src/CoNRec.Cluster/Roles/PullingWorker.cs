using Akka.Actor;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Roles;

/// <summary>How a worker pulls: how long it waits for an answer before asking again, and after a failure.</summary>
/// <param name="RequestTimeout">No answer to a request in this time (a coordinator moving nodes): ask again.</param>
/// <param name="FailureBackoff">Wait after work failed before asking for more.</param>
public sealed record PullOptions(TimeSpan RequestTimeout, TimeSpan FailureBackoff)
{
    public static PullOptions Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

    public PullOptions Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException($"worker.requestTimeout must be > 0 (got {RequestTimeout})");
        if (FailureBackoff < TimeSpan.Zero) throw new ArgumentException($"worker.failureBackoff must be >= 0 (got {FailureBackoff})");
        return this;
    }
}

/// <summary>
/// The pull loop shared by rollout and reward workers: prepare (load models on the device thread), then ask the
/// coordinator for work, do one lease at a time off the dispatcher, send the result and ask again. NoWork
/// schedules the next ask after its retry-after, or at once on the coordinator's <see cref="WorkReady"/>; a request
/// with no answer is repeated after <see cref="PullOptions.RequestTimeout"/>; a lease that arrives while busy waits
/// in the stash.
/// </summary>
/// <typeparam name="TLease">The lease message this worker executes.</typeparam>
public abstract class PullingWorker<TLease> : ReceiveActor, IWithTimers, IWithUnboundedStash where TLease : class, IConrecMessage
{
    const string PullTimer = "pull";

    readonly IActorRef _coordinator;
    readonly PullOptions _options;
    bool _waitingOutNoWork;

    protected PullingWorker(IActorRef coordinator, PullOptions options, ILogger logger)
    {
        _coordinator = coordinator;
        _options = options.Validate();
        Log = logger;
        Receive<Prepared>(_ => OnPrepared());
        Receive<PreparationFailed>(failed => throw new InvalidOperationException($"{GetType().Name} could not prepare: {failed.Error.Message}", failed.Error));
        ReceiveAny(_ => Stash.Stash());
    }

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    /// <summary>This worker's id in leases and logs: its actor path with the node's address, unique in the cluster.</summary>
    protected string WorkerId { get; private set; } = "";

    protected ILogger Log { get; private set; }

    /// <summary>Starts loading what the work needs (models, on the device thread).</summary>
    protected abstract Task Prepare();

    /// <summary>The request for work (RolloutWanted, ScoringWanted).</summary>
    protected abstract IConrecMessage Wanted();

    /// <summary>Runs the lease off the dispatcher; the task's result is sent to the coordinator.</summary>
    protected abstract Task<IConrecMessage> Work(TLease lease);

    /// <summary>(run, step, group) of a lease, for a failure report.</summary>
    protected abstract WorkKey KeyOf(TLease lease);

    protected override void PreStart()
    {
        WorkerId = Self.Path.ToStringWithAddress(((ExtendedActorSystem)Context.System).Provider.DefaultAddress);
        Log = Log.ForContext("WorkerId", WorkerId);
        Prepare().PipeTo(Self, success: () => Prepared.Instance, failure: e => new PreparationFailed(e));
    }

    void OnPrepared()
    {
        Log.Information("{Worker} ready", GetType().Name);
        Become(Idle);
        Stash.UnstashAll();
        AskForWork();
    }

    void Idle()
    {
        Receive<Pull>(_ => AskForWork());
        Receive<NoWork>(OnNoWork);
        Receive<WorkReady>(_ =>
        {
            // Asking already (or backing off after a failure): the answer on its way, or the backoff, stands.
            if (_waitingOutNoWork) AskForWork();
        });
        Receive<TLease>(Begin);
    }

    /// <summary>
    /// Asks again after the retry-after. The coordinator nudges a worker it answered NoWork (<see cref="WorkReady"/>) when
    /// work of its kind appears, so the retry-after is only the safety net for a nudge that never comes.
    /// </summary>
    void OnNoWork(NoWork noWork)
    {
        _waitingOutNoWork = true;
        Timers.StartSingleTimer(PullTimer, Pull.Instance, TimeSpan.FromMilliseconds(Math.Max(1, noWork.RetryAfterMs)));
    }

    void Busy()
    {
        Receive<Worked>(worked =>
        {
            _coordinator.Tell(worked.Result);
            Become(Idle);
            Stash.UnstashAll();
            AskForWork();
        });
        Receive<WorkError>(failed =>
        {
            var key = KeyOf(failed.Lease);
            Log.Error(failed.Error, "Work on step {Step} group {Group} failed", key.Step, key.Group);
            _coordinator.Tell(new WorkFailed(key.RunId, key.Step, key.Group, WorkerId, failed.Error.Message));
            Become(Idle);
            Stash.UnstashAll();
            Timers.StartSingleTimer(PullTimer, Pull.Instance, _options.FailureBackoff);
        });
        Receive<TLease>(_ => Stash.Stash());
        Receive<Pull>(_ => { });
        Receive<NoWork>(_ => { });
        Receive<WorkReady>(_ => { });
    }

    void Begin(TLease lease)
    {
        Timers.Cancel(PullTimer);
        Become(Busy);
        Task<IConrecMessage> work;
        try
        {
            work = Work(lease);
        }
        catch (Exception e)
        {
            work = Task.FromException<IConrecMessage>(e);
        }
        work.PipeTo(Self, success: result => new Worked(result), failure: e => new WorkError(lease, e));
    }

    void AskForWork()
    {
        _waitingOutNoWork = false;
        _coordinator.Tell(Wanted());
        Timers.StartSingleTimer(PullTimer, Pull.Instance, _options.RequestTimeout);
    }

    // Local messages: they never leave this actor, and an exception has no business on the wire.
    sealed class Pull : INoSerializationVerificationNeeded
    {
        public static readonly Pull Instance = new();
    }

    sealed class Prepared : INoSerializationVerificationNeeded
    {
        public static readonly Prepared Instance = new();
    }

    sealed record PreparationFailed(Exception Error) : INoSerializationVerificationNeeded;

    sealed record Worked(IConrecMessage Result) : INoSerializationVerificationNeeded;

    sealed record WorkError(TLease Lease, Exception Error) : INoSerializationVerificationNeeded;
}
