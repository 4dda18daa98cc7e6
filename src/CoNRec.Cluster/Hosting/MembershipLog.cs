using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using CoNRec.Cluster.Observability;
using Serilog;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// Logs the cluster's membership as this node sees it: members coming up, becoming unreachable or reachable again,
/// and leaving, each with how many members are up. Operators follow a cluster forming or losing a node in Seq by
/// these lines; the process tests wait on them before failing a node (a node still joining does not count for the
/// split-brain resolver's majority).
/// </summary>
public sealed class MembershipLog : ReceiveActor
{
    readonly ILogger _log;
    readonly HashSet<Address> _up = [];

    public MembershipLog(ILogger logger)
    {
        _log = logger.ForContext(LogProperties.Role, "node");
        Receive<ClusterEvent.MemberUp>(up =>
        {
            _up.Add(up.Member.Address);
            _log.Information("Member {Member} ({MemberRoles}) is up; {MembersUp} members up", up.Member.Address.ToString(), string.Join(",", up.Member.Roles), _up.Count);
        });
        Receive<ClusterEvent.UnreachableMember>(lost =>
            _log.Warning("Member {Member} is unreachable; {MembersUp} members up", lost.Member.Address.ToString(), _up.Count));
        Receive<ClusterEvent.ReachableMember>(back =>
            _log.Information("Member {Member} is reachable again", back.Member.Address.ToString()));
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            _up.Remove(removed.Member.Address);
            _log.Information("Member {Member} left the cluster ({Status}); {MembersUp} members up", removed.Member.Address.ToString(), removed.PreviousStatus, _up.Count);
        });
    }

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}

public static class MembershipLogHosting
{
    /// <summary>The node's <see cref="MembershipLog"/>.</summary>
    public static AkkaConfigurationBuilder AddMembershipLog(this AkkaConfigurationBuilder builder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithActors((system, _) => system.ActorOf(Props.Create(() => new MembershipLog(logger)), "membership-log"));
    }
}
