using Akka.Actor;
using Akka.Cluster;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Coordinator;

// Finding the learner: every member with the learner role runs it at /user/learner; Identify resolves the path
// to a reference (retried until the actor is up), which is then watched.
public sealed partial class CoordinatorActor
{
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
            else if (_learner is null)
                FoundLearner(identity.Subject);
        });
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
}
