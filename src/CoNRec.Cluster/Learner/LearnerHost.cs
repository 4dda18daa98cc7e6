using Akka.Actor;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Learner;

/// <summary>
/// A learner node's stand-in at /user/learner, for runs submitted to the cluster: it waits for a coordinator's
/// <see cref="LearnerAssignment"/>, loads the run's data from the shared runs volume off the actor's thread, starts a
/// <see cref="LearnerActor"/> from the assigned checkpoint (a new one for every assignment: a coordinator that rewound
/// wants exactly that checkpoint's weights, not whatever this node had learned since) and answers
/// <see cref="LearnerReady"/>. It then forwards the coordinator's requests to that learner, whose answers go straight
/// back. A learner that dies is reported as <see cref="LearnerUnavailable"/>, so the coordinator rewinds rather than
/// waits for ever.
/// </summary>
public sealed class LearnerHost : ReceiveActor
{
    readonly string? _device;
    readonly ArtifactFetcher _fetcher;
    readonly ILogger _log;
    IActorRef? _learner;
    IActorRef? _peer;
    IActorRef? _coordinator;
    LearnerAssignment? _assignment;
    int _generation;

    /// <param name="device">Where this node learns ("cpu", "cuda", "cuda:1"); null: the run config's policy.device.</param>
    /// <param name="fetcher">The node's data-plane fetcher: data-parallel learners fetch their peers' gradients with it.</param>
    public LearnerHost(string? device, ArtifactFetcher fetcher, ILogger logger)
    {
        _device = device;
        _fetcher = fetcher;
        _log = logger.ForContext(LogProperties.Role, RoleNames.Learner);
        Receive<LearnerAssignment>(OnAssignment);
        Receive<Loaded>(OnLoaded);
        Receive<LoadFailed>(OnLoadFailed);
        Receive<LearnStep>(Forward);
        Receive<WriteCheckpoint>(Forward);
        Receive<Terminated>(OnTerminated);
    }

    public static Props Props(string? device, ArtifactFetcher fetcher, ILogger logger) => Akka.Actor.Props.Create(() => new LearnerHost(device, fetcher, logger));

    // A learner that fails is stopped, not restarted: the coordinator decides what comes next.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    void OnAssignment(LearnerAssignment assignment)
    {
        StopLearner();
        _assignment = assignment;
        _coordinator = Sender;
        var generation = ++_generation;
        _log.ForContext(LogProperties.RunId, assignment.RunId).Information("Assigned the learner of run {RunId} from step {Step} (policy {PolicyVersion}); loading its data",
            assignment.RunId, assignment.ResumeStep, assignment.ResumePolicyVersion);
        Task.Run(() => Prepare(assignment))
            .PipeTo(Self, success: prepared => new Loaded(generation, prepared.Data, prepared.Options), failure: e => new LoadFailed(generation, e));
    }

    (GrpoData Data, LearnerOptions Options) Prepare(LearnerAssignment assignment)
    {
        var config = RunConfigFile.Parse(assignment.ConfigJson, RunConfigFormat.Json, "the coordinator's run config");
        var data = GrpoDataLoader.Load(new JoinableRun(assignment.ConfigJson, assignment.DatasetPath, assignment.WarmupBundle));
        var resume = assignment.ResumeStep > 0 ? new LearnerResume(assignment.ResumeStep, assignment.ResumePolicyVersion) : null;
        // The same options the single-process run gives its learner (GrpoStage, GrpoRun), so both learn alike.
        var options = new LearnerOptions(assignment.RunFolder, config.Grpo.Update, _device ?? config.Policy.Device, WeightDecay: 0, (int)config.Seed, resume);
        return (data, options.Validate());
    }

    void OnLoaded(Loaded loaded)
    {
        if (loaded.Generation != _generation || _assignment is not { } assignment) return;
        var log = _log.ForContext(LogProperties.RunId, assignment.RunId);
        _learner = Context.ActorOf(LearnerActor.Props(loaded.Data, loaded.Options, log, dataParallel: DataParallel(assignment, loaded.Generation, log)),
            $"{ActorNames.Learner}-{loaded.Generation}");
        Context.Watch(_learner);
        _coordinator?.Tell(new LearnerReady(assignment.RunId, assignment.Epoch));
    }

    /// <summary>
    /// With data-parallel learners, this rank's gradient peer (a child named by the round, so that every rank finds the
    /// others' at their hosts' paths) and the context the learner exchanges gradients through; null alone.
    /// </summary>
    DataParallelContext? DataParallel(LearnerAssignment assignment, int generation, ILogger log)
    {
        if (assignment.Hosts.Length <= 1) return null;
        var name = PeerName(assignment.Epoch);
        ActorPath[] peers = [.. assignment.Hosts.Select(host => ActorPath.Parse(host) / name)];
        _peer = Context.ActorOf(GradientPeer.Props(assignment.Rank, peers, log), name);
        return new DataParallelContext(new DataParallelOptions(assignment.Rank, assignment.Hosts.Length), _fetcher, new PeerRendezvous(_peer));
    }

    static string PeerName(string epoch) => $"{GradientPeer.ActorName}-{epoch}";

    void OnLoadFailed(LoadFailed failed)
    {
        if (failed.Generation != _generation || _assignment is not { } assignment) return;
        _log.ForContext(LogProperties.RunId, assignment.RunId).Error(failed.Error, "Could not load run {RunId} for learning", assignment.RunId);
        _coordinator?.Tell(new LearnerUnavailable(assignment.RunId, assignment.Epoch, failed.Error.Message));
        _assignment = null;
    }

    void Forward(IConrecMessage request)
    {
        if (_learner is not null) _learner.Forward(request);
        else _log.Warning("{Request} arrived with no learner assigned here; dropped", request.GetType().Name);
    }

    void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_learner) || _assignment is not { } assignment) return;
        _learner = null;
        _coordinator?.Tell(new LearnerUnavailable(assignment.RunId, assignment.Epoch, "the learner stopped (see this node's log)"));
    }

    void StopLearner()
    {
        if (_peer is not null) Context.Stop(_peer);
        _peer = null;
        if (_learner is null) return;
        Context.Unwatch(_learner);
        Context.Stop(_learner);
        _learner = null;
    }

    sealed record Loaded(int Generation, GrpoData Data, LearnerOptions Options) : INoSerializationVerificationNeeded;

    sealed record LoadFailed(int Generation, Exception Error) : INoSerializationVerificationNeeded;
}
