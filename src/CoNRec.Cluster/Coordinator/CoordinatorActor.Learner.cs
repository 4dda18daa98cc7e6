using Akka.Actor;
using Akka.Cluster;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Coordinator;

// Finding the learner: every member with the learner role has it at /user/learner; Identify resolves the path to a
// reference (retried until the actor is up), which is then watched. For a submitted run (LearnerFolder set) what is
// found is a LearnerHost: one of them, in address order, is assigned the run and becomes the learner once it says
// it is ready; the others stand by. Losing the active learner loses every update since the last committed
// checkpoint, so the coordinator restarts (LearnerLostException): it reopens the run from the store at that
// checkpoint and assigns a learner that loads it.
public sealed partial class CoordinatorActor
{
    static readonly TimeSpan UnavailableRetry = TimeSpan.FromSeconds(5);

    readonly string _epoch = Guid.NewGuid().ToString("N");
    readonly SortedDictionary<string, IActorRef> _learnerHosts = new(StringComparer.Ordinal);
    StartPoint? _start;
    IActorRef? _assigning;

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
            learner.Tell(_forLearner);
    }

    void AddLearnerHost(IActorRef host)
    {
        var key = host.Path.Address.ToString();
        if (_learnerHosts.TryGetValue(key, out var known) && known.Equals(host)) return;
        _learnerHosts[key] = host;
        Context.Watch(host);
        AssignLearner();
    }

    /// <summary>Assigns the run to the first standing-by host when there is no learner and no assignment under way.</summary>
    void AssignLearner()
    {
        if (_learner is not null || _assigning is not null || _learnerHosts.Count == 0 || _start is null) return;
        var run = _settings.Joinable!;
        _assigning = _learnerHosts.First().Value;
        _log.Information("Assigning the learner of run {RunId} to {Host}, from step {Step} at policy {PolicyVersion}",
            _run.Value, _assigning.Path.ToString(), _start.Step, _start.PolicyVersion);
        _assigning.Tell(new LearnerAssignment(_run.Value, _epoch, run.ConfigJson, run.DatasetPath, run.WarmupBundle, _settings.LearnerFolder!,
            _start.Step, _start.PolicyVersion));
    }

    void OnLearnerReady(LearnerReady ready)
    {
        if (ready.Epoch != _epoch || !Sender.Equals(_assigning)) return;
        _assigning = null;
        FoundLearner(Sender);
    }

    void OnLearnerUnavailable(LearnerUnavailable unavailable)
    {
        if (unavailable.Epoch != _epoch) return;
        var host = Sender;
        _log.Warning("Learner host {Host} cannot learn run {RunId}: {Reason}", host.Path.ToString(), _run.Value, unavailable.Reason);
        if (host.Equals(_learner)) throw new LearnerLostException($"the learner {host.Path} stopped: {unavailable.Reason}");
        ForgetLearnerHost(host);
        // Asked again later: its node may recover (a volume mounted late).
        Timers.StartSingleTimer("identify-" + host.Path.Address, new IdentifyLearner(host.Path.Address), UnavailableRetry);
    }

    /// <summary>A watched learner or learner host terminated; true when it was one.</summary>
    bool LearnerTerminated(IActorRef actor)
    {
        if (actor.Equals(_learner))
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

    void ForgetLearnerHost(IActorRef host)
    {
        _learnerHosts.Remove(host.Path.Address.ToString());
        Context.Unwatch(host);
        if (host.Equals(_assigning))
        {
            _assigning = null;
            AssignLearner();
        }
    }
}

/// <summary>
/// The active learner of a submitted run is gone with the updates since the last committed checkpoint: the
/// coordinator restarts (its supervisor's default) and reopens the run from the store at that checkpoint.
/// </summary>
public sealed class LearnerLostException(string message) : Exception(message);
