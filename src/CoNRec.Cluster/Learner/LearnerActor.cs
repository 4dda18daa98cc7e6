using Akka.Actor;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Devices;
using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Learner;

/// <summary>
/// The learner role: takes <see cref="LearnStep"/>s and <see cref="WriteCheckpoint"/>s from the coordinator, runs
/// them one at a time on its device thread (<see cref="LearnerEngine"/>) and answers the sender with
/// <see cref="StepLearned"/> / <see cref="CheckpointWritten"/>, or <see cref="WorkFailed"/> (group -1). Requests
/// arriving while one is in work wait in the stash. Lives at /user/learner, where the coordinator looks it up.
/// </summary>
public sealed class LearnerActor : ReceiveActor, IWithUnboundedStash
{
    readonly GrpoData _data;
    readonly LearnerOptions _options;
    readonly ArtifactPublisher? _publisher;
    readonly DataParallelContext? _dataParallel;
    readonly DeviceThread _thread = new("learner-device");
    readonly ILogger _log;
    LearnerEngine? _engine;

    public LearnerActor(GrpoData data, LearnerOptions options, ILogger logger, ArtifactPublisher? publisher = null, DataParallelContext? dataParallel = null)
    {
        _data = data;
        _options = options.Validate();
        _publisher = publisher;
        _dataParallel = dataParallel;
        _log = logger.ForContext(LogProperties.Role, RoleNames.Learner);
        Receive<Loaded>(_ => OnLoaded());
        Receive<LoadFailed>(failed => throw new InvalidOperationException($"the learner could not load its models: {failed.Error.Message}", failed.Error));
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    /// <param name="publisher">Names the policy versions and checkpoints the learner writes; null: a shared directory.</param>
    /// <param name="dataParallel">This learner's place among data-parallel learners; null: it learns alone.</param>
    public static Props Props(GrpoData data, LearnerOptions options, ILogger logger, ArtifactPublisher? publisher = null, DataParallelContext? dataParallel = null) =>
        Akka.Actor.Props.Create(() => new LearnerActor(data, options, logger, publisher, dataParallel));

    protected override void PreStart() =>
        _thread.Run(() => _engine = LearnerEngine.Load(_data, _options, _publisher, _dataParallel)).PipeTo(Self, success: () => Loaded.Instance, failure: e => new LoadFailed(e));

    void OnLoaded()
    {
        _log.Information("Learner ready at policy {PolicyVersion}", _engine!.PolicyVersion);
        BecomeReady();
    }

    void BecomeReady()
    {
        Become(Ready);
        Stash.UnstashAll();
    }

    void Ready()
    {
        Receive<LearnStep>(step => Start(step.RunId, step.Step, engine => engine.Learn(step)));
        Receive<WriteCheckpoint>(request => Start(request.RunId, request.Step, engine => engine.WriteCheckpoint(request)));
    }

    void Busy()
    {
        Receive<Done>(done =>
        {
            if (done.Result is StepLearned learned)
                _log.ForContext(LogProperties.RunId, learned.RunId).ForContext(LogProperties.Step, learned.Step)
                    .Debug("Learner published policy {PolicyVersion} as {Uri}", learned.PolicyVersion, learned.Policy.Uri);
            done.ReplyTo.Tell(done.Result);
            BecomeReady();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    void Start(string runId, long step, Func<LearnerEngine, IConrecMessage> work)
    {
        var replyTo = Sender;
        var engine = _engine!;
        var log = _log.ForContext(LogProperties.RunId, runId).ForContext(LogProperties.Step, step);
        Become(Busy);
        _thread.Run(() => work(engine)).PipeTo(Self,
            success: result => new Done(replyTo, result),
            failure: e =>
            {
                log.Error(e, "Learner work on step {Step} failed", step);
                return new Done(replyTo, new WorkFailed(runId, step, -1, RoleNames.Learner, e.Message));
            });
    }

    protected override void PostStop()
    {
        var engine = _engine;
        if (engine is not null) _thread.Run(engine.Dispose);
        _thread.Dispose();
    }

    sealed class Loaded : INoSerializationVerificationNeeded
    {
        public static readonly Loaded Instance = new();
    }

    sealed record LoadFailed(Exception Error) : INoSerializationVerificationNeeded;

    sealed record Done(IActorRef ReplyTo, IConrecMessage Result) : INoSerializationVerificationNeeded;
}
