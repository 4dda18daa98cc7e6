using Akka.Actor;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;
using Serilog;

namespace CoNRec.Cluster.Hosting.Jobs;

/// <summary>
/// The cluster singleton of coordinator nodes (at the coordinator's singleton name, so workers' proxies reach it):
/// takes runs from <c>conrec submit</c>, runs one at a time (the <see cref="TrainingPipeline"/> of its folder on the
/// runs volume, in this process) and stops one on <c>conrec cancel</c>. The GRPO stage's coordinator is its child
/// (<see cref="DirectorGrpoHosting"/>), and every protocol message for it passes through here. When the node is lost,
/// the singleton starts on another coordinator node, which finds the run still Running in the store and resumes it
/// like <c>conrec resume</c>: completed stages are skipped, GRPO continues from its latest committed checkpoint.
/// </summary>
/// <remarks>
/// Why the whole pipeline and not only GRPO follows the singleton: a run submitted to a cluster has no other process
/// to prepare its data, semantic IDs and warm-up policy, and whichever node holds the singleton can do so from the
/// shared folder. When the singleton is handed over in an orderly way (its node leaving), the pipeline is not
/// cancelled: that would mark the run Cancelled; the node's process exits right after and the next director resumes it.
/// </remarks>
public sealed class RunDirector : ReceiveActor
{
    const int NoRunRetryMs = 2_000;

    readonly DirectorOptions _options;
    readonly ILogger _log;
    readonly TimeProvider _time;
    readonly List<IActorRef> _stopReplies = [];
    ActiveRun? _active;
    bool _looking;
    IActorRef? _coordinator;
    int _children;

    public RunDirector(DirectorOptions options, TimeProvider? time = null)
    {
        _options = options.Validate();
        _time = time ?? TimeProvider.System;
        _log = options.Logger.ForContext(LogProperties.Role, RoleNames.Coordinator);
        Receive<SubmitRun>(OnSubmit);
        Receive<Submitted>(OnSubmitted);
        Receive<CancelRun>(OnCancel);
        Receive<LookForWork>(_ => LookForRun());
        Receive<Found>(OnFound);
        Receive<PipelineEnded>(OnPipelineEnded);
        Receive<HostCoordinator>(OnHostCoordinator);
        Receive<StopCoordinator>(OnStopCoordinator);
        Receive<Terminated>(OnTerminated);
        Receive<RolloutWanted>(want => ToCoordinator(want, idle: true));
        Receive<ScoringWanted>(want => ToCoordinator(want, idle: true));
        Receive<IConrecMessage>(message => ToCoordinator(message, idle: false));
    }

    public static Props Props(DirectorOptions options) => Akka.Actor.Props.Create(() => new RunDirector(options, null));

    protected override void PreStart()
    {
        _log.Information("Run director up; runs folder {RunsFolder}", _options.RunsFolder);
        Self.Tell(LookForWork.Instance);
    }

    void OnSubmit(SubmitRun submit)
    {
        var replyTo = Sender;
        var ahead = _active is null ? 0 : 1;
        Task.Run(async () =>
        {
            var (manifest, config, folder) = SubmittedRuns.Prepare(submit.ConfigJson, submit.Source, _options, _time);
            await _options.Store.CreateRunAsync(SubmittedRuns.Row(manifest, config)).ConfigureAwait(false);
            return new Submitted(manifest.Run, folder, ahead, replyTo);
        }).PipeTo(Self, failure: e =>
        {
            var reason = e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message;
            _log.Warning("Submission from {Source} refused: {Reason}", submit.Source, reason);
            replyTo.Tell(new JobRefused(reason));
            return LookForWork.Instance;
        });
    }

    void OnSubmitted(Submitted submitted)
    {
        _log.ForContext(LogProperties.RunId, submitted.Run.Value).Information("Run {RunId} submitted into {RunFolder}", submitted.Run.Value, submitted.Folder);
        submitted.ReplyTo.Tell(new RunSubmitted(submitted.Run.Value, submitted.Folder, submitted.Ahead));
        LookForRun();
    }

    void OnCancel(CancelRun cancel)
    {
        if (_active is { } active && active.Run.Value == cancel.RunId)
        {
            _log.ForContext(LogProperties.RunId, cancel.RunId).Information("Run {RunId} cancelled; stopping it", cancel.RunId);
            active.Cancel.Cancel();
            Sender.Tell(new RunCancelling(cancel.RunId, WasRunning: true));
            return;
        }
        var replyTo = Sender;
        Task.Run(() => CancelWaitingAsync(cancel.RunId)).PipeTo(replyTo, failure: e => new JobRefused(e is AggregateException { InnerException: { } i } ? i.Message : e.Message));
    }

    async Task<IConrecMessage> CancelWaitingAsync(string runId)
    {
        var run = RunId.Parse(runId, "run");
        var record = await _options.Store.GetRunAsync(run).ConfigureAwait(false);
        if (record is null || !SubmittedRuns.IsSubmitted(_options.RunsFolder, run)) return new JobRefused($"no run {runId} was submitted to this cluster");
        if (record.Status is not (RunStatus.Pending or RunStatus.Running)) return new JobRefused($"run {runId} is already {record.Status}");
        await _options.Store.UpdateRunStatusAsync(run, RunStatus.Cancelled).ConfigureAwait(false);
        _log.ForContext(LogProperties.RunId, runId).Information("Waiting run {RunId} cancelled", runId);
        return new RunCancelling(runId, WasRunning: false);
    }

    void LookForRun()
    {
        if (_active is not null || _looking) return;
        _looking = true;
        Task.Run(() => SubmittedRuns.NextAsync(_options.Store, _options.RunsFolder, CancellationToken.None))
            .PipeTo(Self, success: run => new Found(run), failure: e =>
            {
                _log.Warning(e, "Could not read the store for submitted runs; trying again");
                return new Found(null);
            });
    }

    void OnFound(Found found)
    {
        _looking = false;
        if (found.Run is not { } run || _active is not null) return;
        var folder = SubmittedRuns.FolderOf(_options.RunsFolder, run);
        var log = _log.ForContext(LogProperties.RunId, run.Value);
        var config = TrainingPipeline.StoredConfig(folder);
        var cancel = new CancellationTokenSource();
        var hosting = new DirectorGrpoHosting(Self);
        _active = new ActiveRun(run, cancel);
        log.Information("Running submitted run {RunId} ({Name}) from {RunFolder}", run.Value, config.Name, folder);
        Task.Run(() => new TrainingPipeline(config, folder, log, grpoHosting: hosting).RunAsync(cancel.Token))
            .PipeTo(Self, success: _ => new PipelineEnded(run, null), failure: e => new PipelineEnded(run, e));
    }

    void OnPipelineEnded(PipelineEnded ended)
    {
        var log = _log.ForContext(LogProperties.RunId, ended.Run.Value);
        if (ended.Error is null) log.Information("Submitted run {RunId} completed", ended.Run.Value);
        else if (_active?.Cancel.IsCancellationRequested == true) log.Information("Submitted run {RunId} stopped: cancelled", ended.Run.Value);
        else log.Error(ended.Error, "Submitted run {RunId} failed", ended.Run.Value);
        _active?.Cancel.Dispose();
        _active = null;
        LookForRun();
    }

    void OnHostCoordinator(HostCoordinator host)
    {
        if (_coordinator is not null) Context.Stop(_coordinator);
        _coordinator = Context.ActorOf(CoordinatorActor.HostedProps(host.Settings), $"run-{host.Settings.RunId.Value}-{++_children}");
        Context.Watch(_coordinator);
    }

    void OnStopCoordinator(StopCoordinator stop)
    {
        if (_coordinator is null)
        {
            Sender.Tell(CoordinatorStopped.Instance);
            return;
        }
        _stopReplies.Add(Sender);
        Context.Stop(_coordinator);
    }

    void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_coordinator)) return;
        _coordinator = null;
        foreach (var reply in _stopReplies) reply.Tell(CoordinatorStopped.Instance);
        _stopReplies.Clear();
    }

    void ToCoordinator(IConrecMessage message, bool idle)
    {
        if (_coordinator is not null) _coordinator.Forward(message);
        else if (idle) Sender.Tell(new NoWork(NoRunRetryMs));
    }

    protected override void PostStop() => _log.Information("Run director stopped{Detail}", _active is null ? "" : $" while run {_active.Run} was in work");

    sealed record ActiveRun(RunId Run, CancellationTokenSource Cancel);

    sealed class LookForWork : INoSerializationVerificationNeeded
    {
        public static readonly LookForWork Instance = new();
    }

    sealed record Found(RunId? Run) : INoSerializationVerificationNeeded;

    sealed record Submitted(RunId Run, string Folder, int Ahead, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    sealed record PipelineEnded(RunId Run, Exception? Error) : INoSerializationVerificationNeeded;
}

/// <summary>Run this coordinator as the director's child (from <see cref="DirectorGrpoHosting"/>, in this process).</summary>
public sealed record HostCoordinator(CoordinatorSettings Settings) : INoSerializationVerificationNeeded;

/// <summary>Stop the hosted coordinator; answered with <see cref="CoordinatorStopped"/> once it has.</summary>
public sealed record StopCoordinator(RunId Run) : INoSerializationVerificationNeeded;

public sealed class CoordinatorStopped : INoSerializationVerificationNeeded
{
    public static readonly CoordinatorStopped Instance = new();
}
