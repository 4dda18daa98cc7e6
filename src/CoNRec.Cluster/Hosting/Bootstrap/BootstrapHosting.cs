using System.Net;
using Akka;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Discovery.Config.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Dsl;

namespace CoNRec.Cluster.Hosting.Bootstrap;

/// <summary>
/// Cluster bootstrap: service discovery (Kubernetes API or a fixed list), Akka.Management's bootstrap (probing the
/// contact points, deciding whom to join) and the node's <see cref="ManagementEndpoint"/> with its health routes.
/// <see cref="RoleHosting.WithConrecNode"/> adds it when <see cref="ClusterNodeOptions.Bootstrap"/> is set, in place of
/// seed nodes and of the cluster-of-one self-join.
/// </summary>
public static class BootstrapHosting
{
    /// <summary>The name of the pods' container port that serves the management endpoint (Kubernetes discovery asks for it).</summary>
    public const string ManagementPortName = "management";

    /// <param name="advertisedHostname">The address other nodes reach this one at (the remoting hostname, a pod's IP):
    /// bootstrap compares it with the discovered contact points to find the lowest one.</param>
    public static AkkaConfigurationBuilder WithConrecBootstrap(this AkkaConfigurationBuilder builder, ClusterBootstrapOptions options, string advertisedHostname)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(advertisedHostname);
        options.Validate();
        var kubernetes = options.Discovery == BootstrapDiscovery.Kubernetes;
        if (kubernetes)
            builder.WithKubernetesDiscovery(discovery => discovery.PodLabelSelector = options.LabelSelector);
        else
            builder.WithConfigDiscovery(discovery => discovery.Services.Add(new Service { Name = options.ServiceName, Endpoints = [.. options.Endpoints ?? []] }));
        builder.WithClusterBootstrap(bootstrap =>
        {
            bootstrap.ContactPointDiscovery.ServiceName = options.ServiceName;
            bootstrap.ContactPointDiscovery.RequiredContactPointsNr = options.RequiredContactPoints;
            bootstrap.ContactPointDiscovery.StableMargin = options.StableMargin;
            // Kubernetes returns every port of a pod: the named one is the management endpoint. Config endpoints
            // are management endpoints already, each with its own port (several nodes on one host).
            bootstrap.ContactPointDiscovery.PortName = kubernetes ? ManagementPortName : null;
            bootstrap.ContactPoint.FallbackPort = options.ManagementPort;
            bootstrap.ContactPoint.FilterOnFallbackPort = kubernetes;
            bootstrap.ContactPoint.ProbeInterval = options.ProbeInterval;
        }, autoStart: false);
        // Started here rather than as auto-start extensions, whose failure terminates the system with only a log
        // line: a busy management port fails the node's start instead.
        return builder
            .WithActorSystemLivenessCheck()
            .WithAkkaClusterReadinessCheck()
            .AddStartup(async (system, registry) =>
            {
                var endpoint = await ManagementEndpoint.StartAsync(system, options.ManagementBindAddress, options.ManagementPort).ConfigureAwait(false);
                // Stopped before the node leaves, so no probe sees a leaving node as a contact point.
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "conrec-management-endpoint", async () =>
                {
                    await endpoint.DisposeAsync().ConfigureAwait(false);
                    return Done.Instance;
                });
                var bootstrap = ClusterBootstrap.Get(system);
                // Tells bootstrap its own contact point (the routes it returns are Ceen's: ManagementEndpoint serves them).
                _ = bootstrap.Routes(ManagementRouteProviderSettings.Create(SelfContactPoint(advertisedHostname, options.ManagementPort), readOnly: true));
                await bootstrap.Start().ConfigureAwait(false);
            });
    }

    static Uri SelfContactPoint(string hostname, int port) => new UriBuilder(Uri.UriSchemeHttp, hostname, port).Uri;
}
