using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.Client;
using Akka.Hosting;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Roles;
using Serilog;

namespace CoNRec.Cluster.Hosting.Jobs;

/// <summary>
/// Akka.Hosting extensions for a long-running cluster node (<c>conrec node</c>): the run director on coordinator nodes,
/// the learner host on learner nodes, and on every node the job desk that <c>conrec submit</c> and <c>conrec cancel</c>
/// reach through Akka's cluster-client receptionist.
/// </summary>
public static class JobHosting
{
    /// <summary>The job desk's path, the service <see cref="JobClient"/> asks for through the receptionist.</summary>
    public const string JobDeskPath = "/user/" + JobDeskName;

    const string JobDeskName = "jobs";

    /// <summary>The run director as the coordinator singleton (with its proxy registered), on nodes with the coordinator role.</summary>
    public static AkkaConfigurationBuilder AddRunDirector(this AkkaConfigurationBuilder builder, DirectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options.Validate();
        return builder.WithSingleton<CoordinatorKey>(ActorNames.Coordinator, RunDirector.Props(options),
            new ClusterSingletonOptions { Role = RoleNames.Coordinator }, createProxyToo: true);
    }

    /// <summary>The learner host at /user/learner, where coordinators look for learners.</summary>
    /// <param name="device">Where this node learns; null: each run's policy.device.</param>
    /// <param name="fetcher">The node's data-plane fetcher (data-parallel learners fetch their peers' gradients).</param>
    public static AkkaConfigurationBuilder AddLearnerHost(this AkkaConfigurationBuilder builder, string? device, ArtifactFetcher fetcher, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithActors((system, _) => system.ActorOf(LearnerHost.Props(device, fetcher, logger), ActorNames.Learner));
    }

    /// <summary>
    /// The receptionist and the job desk registered with it: a <see cref="JobClient"/> that contacts any node's
    /// receptionist reaches the desk, which forwards to the coordinator's proxy (register the proxy first).
    /// </summary>
    public static AkkaConfigurationBuilder AddJobDesk(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithClusterClientReceptionist()
            .WithActors((system, registry) =>
            {
                var desk = system.ActorOf(Props.Create(() => new JobDesk(registry.Get<CoordinatorKey>())), JobDeskName);
                ClusterClientReceptionist.Get(system).RegisterService(desk);
            });
    }

    /// <summary>Forwards submissions and cancellations to the coordinator singleton; its answer goes straight to the client.</summary>
    sealed class JobDesk : ReceiveActor
    {
        public JobDesk(IActorRef coordinator)
        {
            Receive<Core.Protocol.SubmitRun>(coordinator.Forward);
            Receive<Core.Protocol.CancelRun>(coordinator.Forward);
        }
    }
}
