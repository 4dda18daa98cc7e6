using Akka.Hosting;
using CoNRec.Cluster.DataPlane;
using Serilog;

namespace CoNRec.Cluster.Hosting.Joining;

/// <summary>Hosting for a node that joins a run's cluster to work for it (<c>conrec node</c>).</summary>
public static class JoiningHosting
{
    /// <summary>The actor name of the node's <see cref="RunHost"/>; its workers are its children.</summary>
    public const string RunHostName = "run-host";

    /// <summary>
    /// A <see cref="RunHost"/> that starts workers for the coordinator's run. Add the node first
    /// (<see cref="RoleHosting.WithConrecNode"/>, with seed nodes), then the coordinator's proxy (or the run director with it).
    /// </summary>
    public static AkkaConfigurationBuilder AddRunHost(this AkkaConfigurationBuilder builder, RunHostOptions options, ILogger logger, ArtifactFetcher? fetcher = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options.Validate();
        return builder.WithActors((system, registry) => system.ActorOf(RunHost.Props(registry.Get<CoordinatorKey>(), options, logger, fetcher), RunHostName));
    }
}
