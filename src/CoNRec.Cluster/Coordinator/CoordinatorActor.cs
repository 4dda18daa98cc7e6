using Akka.Actor;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;
using Serilog;
using Serilog.Events;

namespace CoNRec.Cluster.Coordinator;

/// <summary>
/// The coordinator singleton: holds the <see cref="CoordinatorState"/>, feeds every input to
/// <see cref="CoordinatorDecisions.Decide"/> and executes the effects. Replies go to the worker that asked (a
/// worker-id -> actor map from the senders, each worker watched so that its death releases its leases at once);
/// learner requests go to the learner (<see cref="CoordinatorSettings.Learner"/>, or found at /user/learner on
/// learner members); run-store effects run asynchronously while the actor waits in <see cref="Writing"/> with
/// everything else stashed, so nothing overtakes a step record or a checkpoint commit and the mailbox never
/// blocks. A failed store write is retried with backoff; the run fails only when the store refuses for good.
/// A worker's failed lease goes back at once; a group that fails <see cref="CoordinatorSettings.GroupAttempts"/>
/// times in one step fails the run with the last reason, since a failure every worker repeats (weights whose bytes
/// no longer match their published sha256) would otherwise be re-issued for ever.
/// </summary>
public sealed partial class CoordinatorActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    const string TickTimer = "tick";
    const string StoreRetryTimer = "store-retry";
    const int FinishedRetryAfterMs = 5_000;
    static readonly TimeSpan IdentifyRetry = TimeSpan.FromSeconds(1);

    readonly CoordinatorSettings _settings;
    readonly CoordinatorStore _store;
    readonly TimeProvider _time;
    readonly RunId _run;
    readonly ILogger _log;
    readonly Dictionary<string, IActorRef> _workers = new(StringComparer.Ordinal);
    readonly Dictionary<IActorRef, string> _workerIds = [];
    readonly Dictionary<int, int> _groupFailures = [];
    readonly CancellationTokenSource _stopping = new();
    CoordinatorState _state = null!;
    IActorRef? _learner;
    IConrecMessage? _forLearner;
    long _stepStartedMs;
    IReadOnlyDictionary<string, double> _lastMetrics = new Dictionary<string, double>();
    StoreJob? _job;
    int _attempt;

    public CoordinatorActor(CoordinatorSettings settings)
    {
        _settings = settings.Validate();
        _run = settings.RunId;
        _time = settings.Time ?? TimeProvider.System;
        _log = settings.Logger.ForContext(LogProperties.Role, RoleNames.Coordinator).ForContext(LogProperties.RunId, _run.Value);
        _store = new CoordinatorStore(settings.Store, _run, settings.Plan, settings.Retention ?? new RetentionPolicy(), _time,
            settings.DataPlane ?? ArtifactPublisher.SharedDirectory, _log);
        Become(Writing);
    }

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    /// <summary>The dispatcher that gives the coordinator a thread of its own (hocon/dispatchers.conf).</summary>
    public const string Dispatcher = "conrec.coordinator-dispatcher";

    public static Props Props(CoordinatorSettings settings) => Akka.Actor.Props.Create(() => new CoordinatorActor(settings));

    /// <summary>As hosted on a node: on its own thread (<see cref="Dispatcher"/>, which hocon/dispatchers.conf defines).</summary>
    public static Props HostedProps(CoordinatorSettings settings) => Props(settings).WithDispatcher(Dispatcher);

    long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    protected override void PreStart()
    {
        if (_settings.Learner is { } learner) FoundLearner(learner);
        else Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(Akka.Cluster.ClusterEvent.MemberUp));
        StartPoint? start = null;
        BeginStore(new StoreJob("open the run", async ct => start = await _store.OpenAsync(ct), () => Open(start!)));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        if (_settings.Learner is null) Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }

    void Open(StartPoint start)
    {
        _start = start;
        _state = CoordinatorState.Start(_settings.Plan, _settings.Anchors, start.Step, start.SamplerState, start.PolicyVersion, _settings.PolicyOf(start.PolicyVersion));
        _settings.Counters?.Publish(_state);
        _stepStartedMs = Now;
        Timers.StartPeriodicTimer(TickTimer, TickNow.Instance, _settings.Tick);
        _log.Information("Coordinator starts {RunId} at step {Step} of {Stage} with policy {PolicyVersion}",
            _run.Value, _state.Step, _settings.Plan.Curriculum.Stages[_state.StageIndex].Name, _state.PolicyVersion);
        if (_state.Phase == RunPhase.Finished)
            BeginStore(new StoreJob("complete the run", ct => _store.ApplyAsync([new RunCompleted(start.Step)], 0, ct), Completed));
        else
            BeginStore(new StoreJob("start the stage", ct => _store.ApplyAsync([new StageTransition(_state.StageIndex, Started: true)], 0, ct), AssignLearner));
    }

    void Running()
    {
        Receive<RolloutWanted>(want => Arrived(want, want.WorkerId));
        Receive<ScoringWanted>(want => Arrived(want, want.WorkerId));
        Receive<RolloutDone>(done => Arrived(done, done.WorkerId));
        Receive<ScoringDone>(done => Arrived(done, done.WorkerId));
        Receive<StepLearned>(learned =>
        {
            if (FromCountingLearner(Sender)) Arrived(learned, workerId: null);
        });
        Receive<CheckpointWritten>(written => Arrived(written, workerId: null));
        Receive<WorkFailed>(OnWorkFailed);
        Receive<TickNow>(_ => Handle(new Tick(Now)));
        Receive<Terminated>(OnTerminated);
        Receive<RunWanted>(want => Offer(want, finished: false));
        ReceiveLearnerLookup();
    }

    /// <summary>The run is over: workers are told there is nothing to do, for longer each time.</summary>
    void Finished()
    {
        Receive<RolloutWanted>(_ => Sender.Tell(new NoWork(FinishedRetryAfterMs)));
        Receive<ScoringWanted>(_ => Sender.Tell(new NoWork(FinishedRetryAfterMs)));
        Receive<RunWanted>(want => Offer(want, finished: true));
        ReceiveAny(_ => { });
    }

    void Arrived(IConrecMessage message, string? workerId)
    {
        if (workerId is not null)
        {
            Remember(workerId, Sender);
            HeardFrom(workerId, message);
        }
        Handle(new MessageArrived(message, Now));
    }

    void Handle(CoordinatorInput input)
    {
        var before = _state;
        var decision = CoordinatorDecisions.Decide(before, input, _settings.Anchors);
        _state = decision.State;
        _settings.Counters?.Publish(_state);
        Execute(before, decision.Effects);
        NudgeIdle(before);
        if (_state.Step != before.Step)
        {
            _stepStartedMs = Now;
            _groupFailures.Clear();
        }
    }

    void Execute(CoordinatorState before, IReadOnlyList<CoordinatorEffect> effects)
    {
        List<CoordinatorEffect> writes = [];
        var completes = false;
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case ReplyToWorker reply when _workers.TryGetValue(reply.WorkerId, out var worker):
                    worker.Tell(reply.Message);
                    if (reply.Message is NoWork) Parked(reply.WorkerId);
                    break;
                case ReplyToWorker reply:
                    _log.Warning("No route to worker {WorkerId}; {Message} dropped", reply.WorkerId, reply.Message.GetType().Name);
                    break;
                case SendToLearner send:
                    ToLearner(send.Message);
                    break;
                case Note note:
                    Log(note, before);
                    break;
                case RecordStep record:
                    writes.Add(Recorded(record, before));
                    break;
                case RunCompleted:
                    completes = true;
                    writes.Add(effect);
                    break;
                default:
                    writes.Add(effect);
                    break;
            }
        }
        if (writes.Count == 0) return;
        var position = before.StagePositions.Sum();
        BeginStore(new StoreJob($"write {string.Join(", ", writes.Select(w => w.GetType().Name))}", ct => _store.ApplyAsync(writes, position, ct),
            completes ? Completed : () => { }));
    }

    /// <summary>The step with the coordinator's timings added, logged as the step's one summary event.</summary>
    RecordStep Recorded(RecordStep record, CoordinatorState before)
    {
        var metrics = StepMetrics.Complete(record.Metrics, before.Groups, (Now - _stepStartedMs) / 1000.0);
        _lastMetrics = metrics;
        var stage = _settings.Plan.Curriculum.Stages[record.StageIndex].Name;
        var summary = StepMetrics.Summary(metrics);
        StepLog.Write(_log.ForContext(LogProperties.Stage, stage), _run, stage, record.Step, new PolicyVersion(record.PolicyVersion), summary);
        _settings.Progress?.Report(new GrpoStepProgress(record.Step, _settings.Plan.Schedule.TotalSteps, record.StageIndex,
            _settings.Plan.Curriculum.Stages.Count, stage, record.PolicyVersion, summary.RewardMean));
        return record with { Metrics = metrics };
    }

    void Completed()
    {
        _log.Information("Run {RunId} completed after {Steps} steps at policy {PolicyVersion}", _run.Value, _state.Step, _state.PolicyVersion);
        Timers.Cancel(TickTimer);
        Become(Finished);
        _settings.Completion?.Completed(new RunOutcome(_run, _state.Step, _state.PolicyVersion, _lastMetrics));
    }

    void Fail(Exception error)
    {
        _log.Error(error, "Run {RunId} failed at step {Step}", _run.Value, _state?.Step ?? 0);
        Timers.CancelAll();
        _job = null;
        Become(Finished);
        Stash.UnstashAll();
        // Best effort: a store that just failed for good may refuse this too; the error is what the starter gets.
        _store.MarkFailedAsync(CancellationToken.None).ContinueWith(t => _log.Warning(t.Exception, "Could not mark run {RunId} failed", _run.Value),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _settings.Completion?.Failed(error);
    }

    void OnWorkFailed(WorkFailed failed)
    {
        if (failed.RunId != _settings.Plan.RunId) return;
        if (failed.Group < 0 && failed.Step != _state.Step)
        {
            _log.Warning("Stale learner failure of step {FailedStep} ignored (at step {Step}): {Reason}", failed.Step, _state.Step, failed.Reason);
            return;
        }
        if (failed.Group < 0)
        {
            Fail(new InvalidOperationException($"the learner failed step {failed.Step}: {failed.Reason}"));
            return;
        }
        _log.Warning("Worker {WorkerId} failed step {Step} group {Group}: {Reason}", failed.WorkerId, failed.Step, failed.Group, failed.Reason);
        if (failed.Step == _state.Step && CountFailure(failed.Group) >= _settings.GroupAttempts)
        {
            Fail(new InvalidOperationException(
                $"step {failed.Step} group {failed.Group} failed {_settings.GroupAttempts} times (coordinator.groupAttempts); the last, on {failed.WorkerId}: {failed.Reason}"));
            return;
        }
        // Its leases go back at once rather than at their deadlines.
        Handle(new WorkerLost(failed.WorkerId, Now));
    }

    int CountFailure(int group)
    {
        var count = _groupFailures.GetValueOrDefault(group) + 1;
        _groupFailures[group] = count;
        return count;
    }

    void OnTerminated(Terminated terminated)
    {
        if (LearnerTerminated(terminated.ActorRef)) return;
        if (!_workerIds.Remove(terminated.ActorRef, out var workerId)) return;
        _workers.Remove(workerId);
        ForgetIdle(workerId);
        _log.Warning("Worker {WorkerId} lost", workerId);
        Handle(new WorkerLost(workerId, Now));
    }

    /// <summary>Tells a joining node which run this is (<see cref="CoordinatorSettings.Joinable"/>); without it, nodes get no answer.</summary>
    void Offer(RunWanted want, bool finished)
    {
        if (_settings.Joinable is not { } run) return;
        if (!finished) _log.Debug("Node {Node} asked for the run", want.NodeId);
        Sender.Tell(new RunOffer(_run.Value, finished, run.ConfigJson, run.DatasetPath, run.WarmupBundle));
    }

    void Remember(string workerId, IActorRef worker)
    {
        if (_workers.TryGetValue(workerId, out var known) && known.Equals(worker)) return;
        _workers[workerId] = worker;
        _workerIds[worker] = workerId;
        Context.Watch(worker);
        _log.Information("Worker {WorkerId} joined", workerId);
    }

    void ToLearner(IConrecMessage message)
    {
        _forLearner = message;
        if (_learner is null) _log.Information("No learner yet; {Message} waits for one", message.GetType().Name);
        else SendToLearners(message);
    }

    void Log(Note note, CoordinatorState state)
    {
        var level = Enum.TryParse<LogEventLevel>(note.Level, ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information;
        _log.ForStep(state.Step, new PolicyVersion(state.PolicyVersion)).Write(level, "{Note}", note.Text);
    }
}
