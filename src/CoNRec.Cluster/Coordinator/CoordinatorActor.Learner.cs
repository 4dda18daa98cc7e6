using Akka.Actor;
using Akka.Cluster;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Coordinator;

// Finding the learner: every member with the learner role has it at /user/learner; Identify resolves the path to a
// reference (retried until the actor is up), which is then watched. For a submitted run (LearnerFolder set) what is
// found is a LearnerHost: the first Learners of them in address order are assigned the run, ranks in that order,
// and become the learners once every one says it is ready; the others stand by. Each assignment round has its own
// epoch, so an answer to an abandoned round is ignored. Losing an active learner loses every update since the last
// committed checkpoint, so the coordinator restarts (LearnerLostException): it reopens the run from the store at
// that checkpoint and assigns learners that load it.
public sealed partial class CoordinatorActor
{
    static readonly TimeSpan UnavailableRetry = TimeSpan.FromSeconds(5);

    readonly SortedDictionary<string, IActorRef> _learnerHosts = new(StringComparer.Ordinal);
    string _epoch = "";
    StartPoint? _start;
    IActorRef[]? _assigning;
    bool[] _ready = [];
    IActorRef[] _learners = [];

    void ReceiveLearnerLookup()
    {
        Receive<ClusterEvent.MemberUp>(up =>
        {
            if (up.Member.HasRole(RoleNames.Learner)) Identify(up.Member.Address);
        });
        Receive<IdentifyLearner>(again => Identify(again.Address));
        Receive<ActorIdentity>(identity =>
        {
            if (identity.MessageId is not string address) return;
            if (identity.Subject is null)
                Timers.StartSingleTimer("identify-" + address, new IdentifyLearner(Address.Parse(address)), IdentifyRetry);
            else if (_settings.LearnerFolder is null)
            {
                if (_learner is null) FoundLearner(identity.Subject);
            }
            else AddLearnerHost(identity.Subject);
        });
        Receive<LearnerReady>(OnLearnerReady);
        Receive<LearnerUnavailable>(OnLearnerUnavailable);
    }

    void Identify(Address address) =>
        Context.ActorSelection(new RootActorPath(address) / "user" / ActorNames.Learner).Tell(new Identify(address.ToString()));

    void FoundLearner(IActorRef learner)
    {
        _learner = learner;
        Context.Watch(learner);
        _log.Information("Learner {Learner} found", learner.Path.ToString());
        // A request sent while no learner was there (or to one that died) is still wanted.
        if (_forLearner is not null && _state is { Phase: Core.Coordination.RunPhase.Learning or Core.Coordination.RunPhase.Checkpointing })
            SendToLearners(_forLearner);
    }

    /// <summary>A step goes to every data-parallel learner (each learns its share); anything else to rank 0 alone.</summary>
    void SendToLearners(IConrecMessage message)
    {
        if (message is LearnStep && _learners.Length > 1)
            foreach (var learner in _learners) learner.Tell(message);
        else _learner!.Tell(message);
    }

    /// <summary>
    /// Whether an answer comes from the learner whose answers count: with data-parallel learners every rank answers a
    /// step alike, and rank 0's (a child of its host) is the one taken.
    /// </summary>
    bool FromCountingLearner(IActorRef sender) =>
        _learners.Length <= 1 || (_learner is not null && (sender.Equals(_learner) || sender.Path.Parent.Equals(_learner.Path)));

    void AddLearnerHost(IActorRef host)
    {
        var key = host.Path.Address.ToString();
        if (_learnerHosts.TryGetValue(key, out var known) && known.Equals(host)) return;
        _learnerHosts[key] = host;
        Context.Watch(host);
        AssignLearner();
    }

    /// <summary>Starts an assignment round when there is no learner, no round under way and enough hosts standing by.</summary>
    void AssignLearner()
    {
        if (_learner is not null || _assigning is not null || _start is null) return;
        var world = _settings.Learners;
        if (_learnerHosts.Count < world)
        {
            if (_learnerHosts.Count > 0) _log.Information("Waiting for learner hosts: {Known} of the {Learners} the run asks for", _learnerHosts.Count, world);
            return;
        }
        var run = _settings.Joinable!;
        _epoch = Guid.NewGuid().ToString("N");
        _assigning = [.. _learnerHosts.Values.Take(world)];
        _ready = new bool[world];
        string[] paths = [.. _assigning.Select(h => h.Path.ToString())];
        for (var rank = 0; rank < world; rank++)
        {
            _log.Information("Assigning the learner (rank {Rank} of {Learners}) of run {RunId} to {Host}, from step {Step} at policy {PolicyVersion}",
                rank, world, _run.Value, paths[rank], _start.Step, _start.PolicyVersion);
            _assigning[rank].Tell(new LearnerAssignment(_run.Value, _epoch, run.ConfigJson, run.DatasetPath, run.WarmupBundle, _settings.LearnerFolder!,
                _start.Step, _start.PolicyVersion, rank, paths));
        }
    }

    void OnLearnerReady(LearnerReady ready)
    {
        if (ready.Epoch != _epoch || _assigning is null) return;
        var rank = Array.IndexOf(_assigning, Sender);
        if (rank < 0) return;
        _ready[rank] = true;
        if (_ready.Any(r => !r)) return;
        _learners = _assigning;
        _assigning = null;
        FoundLearner(_learners[0]);
    }

    void OnLearnerUnavailable(LearnerUnavailable unavailable)
    {
        if (unavailable.Epoch != _epoch) return;
        var host = Sender;
        _log.Warning("Learner host {Host} cannot learn run {RunId}: {Reason}", host.Path.ToString(), _run.Value, unavailable.Reason);
        if (_learners.Contains(host)) throw new LearnerLostException($"the learner {host.Path} stopped: {unavailable.Reason}");
        ForgetLearnerHost(host);
        // Asked again later: its node may recover (a volume mounted late).
        Timers.StartSingleTimer("identify-" + host.Path.Address, new IdentifyLearner(host.Path.Address), UnavailableRetry);
    }

    /// <summary>A watched learner or learner host terminated; true when it was one.</summary>
    bool LearnerTerminated(IActorRef actor)
    {
        if (actor.Equals(_learner) || _learners.Contains(actor))
        {
            if (_settings.LearnerFolder is not null && _state.Phase != Core.Coordination.RunPhase.Finished)
                throw new LearnerLostException($"the learner {actor.Path} was lost at step {_state.Step}");
            _learner = null;
            _log.Warning("Learner {Learner} lost; waiting for another", actor.Path.ToString());
            return true;
        }
        if (!_learnerHosts.ContainsValue(actor)) return false;
        ForgetLearnerHost(actor);
        return true;
    }

    /// <summary>Drops a host; a round that counted on it starts again without it (a new epoch).</summary>
    void ForgetLearnerHost(IActorRef host)
    {
        _learnerHosts.Remove(host.Path.Address.ToString());
        Context.Unwatch(host);
        if (_assigning is not null && _assigning.Contains(host))
        {
            _assigning = null;
            AssignLearner();
        }
    }
}

/// <summary>
/// An active learner of a submitted run is gone with the updates since the last committed checkpoint: the
/// coordinator restarts (its supervisor's default) and reopens the run from the store at that checkpoint.
/// </summary>
public sealed class LearnerLostException(string message) : Exception(message);
