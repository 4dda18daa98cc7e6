using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Hosting.Bootstrap;
using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Reward;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Rollout;
using Serilog;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// Akka.Hosting extensions: one for the node (remoting, cluster, serialization, Serilog) and one per role.
/// Add the node first, then the coordinator role (or its proxy on nodes without it), then the worker roles,
/// which look the coordinator's proxy up in the registry.
/// </summary>
public static class RoleHosting
{
    /// <summary>
    /// Remoting, Akka.Cluster with the node's roles, the MessagePack serializer and the cluster settings
    /// (hocon/serialization.conf, remote.conf, dispatchers.conf and cluster.conf, then the given profiles) and Akka's own log events
    /// bridged to Serilog's <c>Log.Logger</c> (Akka.Logger.Serilog reads
    /// the static logger: the process sets it, e.g. with <see cref="AkkaLogScope"/>), including those Akka would
    /// otherwise print to stdout (hocon/logging.conf). Without seed nodes the node joins itself: a cluster of one
    /// (hocon/cluster-of-one.conf). With <see cref="ClusterNodeOptions.Bootstrap"/>, Akka.Management's cluster bootstrap
    /// forms or joins the cluster instead (<see cref="BootstrapHosting"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithConrecNode(this AkkaConfigurationBuilder builder, ClusterNodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(builder);
        node.Validate();
        var clusterOfOne = node.Bootstrap is null && node.SeedNodes is not { Count: > 0 };
        string[] hocon = ["logging", "serialization", "remote", "dispatchers", "cluster", .. clusterOfOne ? ["cluster-of-one"] : Array.Empty<string>(), .. node.HoconProfiles ?? []];
        builder
            .AddHocon(ConrecHocon.Load(hocon), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddSerilogLogging();
            })
            .WithRemoting(node.Hostname, node.Port)
            .WithRemotingTls(node.Tls)
            .WithClustering(new ClusterOptions { Roles = [.. node.Roles], SeedNodes = [.. node.SeedNodes ?? []] });
        if (node.Bootstrap is not null)
            builder.WithConrecBootstrap(node.Bootstrap, node.Hostname);
        if (clusterOfOne)
            builder.AddStartup((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
        return builder;
    }

    /// <summary>The coordinator as a cluster singleton on nodes with the coordinator role, with its proxy registered.</summary>
    public static AkkaConfigurationBuilder AddCoordinatorRole(this AkkaConfigurationBuilder builder, CoordinatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        settings.Validate();
        return builder.WithSingleton<CoordinatorKey>(ActorNames.Coordinator, CoordinatorActor.HostedProps(settings),
            new ClusterSingletonOptions { Role = RoleNames.Coordinator }, createProxyToo: true);
    }

    /// <summary>Only the coordinator's proxy, for nodes that do not host the singleton.</summary>
    public static AkkaConfigurationBuilder AddCoordinatorProxy(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithSingletonProxy<CoordinatorKey>(ActorNames.Coordinator, new ClusterSingletonOptions { Role = RoleNames.Coordinator });
    }

    /// <summary><paramref name="workers"/> rollout workers (0: none here), each with its own device thread and policy replica.</summary>
    /// <param name="fetcher">The node's data-plane fetcher, shared by its workers; null: file:// weights only.</param>
    public static AkkaConfigurationBuilder AddRolloutRole(this AkkaConfigurationBuilder builder, GrpoData data, ILogger logger,
        int workers = 1, string device = "cpu", PullOptions? pull = null, ArtifactFetcher? fetcher = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        var log = logger.ForContext(LogProperties.Role, RoleNames.Rollout);
        return builder.WithActors((system, registry) =>
        {
            var coordinator = registry.Get<CoordinatorKey>();
            for (var i = 1; i <= workers; i++) system.ActorOf(RolloutWorker.Props(coordinator, data, log, device, pull, fetcher), ActorNames.RolloutWorker(i));
        });
    }

    /// <summary><paramref name="workers"/> reward workers (CPU, stateless; 0: none here).</summary>
    public static AkkaConfigurationBuilder AddRewardRole(this AkkaConfigurationBuilder builder, GrpoData data, ILogger logger,
        int workers = 1, PullOptions? pull = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        var log = logger.ForContext(LogProperties.Role, RoleNames.Reward);
        return builder.WithActors((system, registry) =>
        {
            var coordinator = registry.Get<CoordinatorKey>();
            for (var i = 1; i <= workers; i++) system.ActorOf(RewardWorker.Props(coordinator, data, log, pull), ActorNames.RewardWorker(i));
        });
    }

    /// <summary>The learner at /user/learner, where the coordinator looks for it.</summary>
    /// <param name="publisher">The node's data-plane publisher; null: a shared directory (file:// URIs).</param>
    public static AkkaConfigurationBuilder AddLearnerRole(this AkkaConfigurationBuilder builder, GrpoData data, LearnerOptions options, ILogger logger,
        ArtifactPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options.Validate();
        return builder.WithActors((system, registry) =>
            registry.Register<LearnerKey>(system.ActorOf(LearnerActor.Props(data, options, logger, publisher), ActorNames.Learner)));
    }
}
