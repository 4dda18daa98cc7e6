using CoNRec.Core.Runs;
using Serilog;

namespace CoNRec.Cluster.Hosting.Jobs;

/// <summary>What the run director of a coordinator node works with.</summary>
/// <param name="RunsFolder">The cluster's runs volume: a submitted run's folder is <c>RunsFolder/RUN_ID</c>, at the same
/// path on every coordinator and learner node (a shared volume), so that another node can resume it.</param>
/// <param name="StoreLocation">The PostgreSQL store every coordinator node shares, as <c>--store</c> gave it (no password):
/// written into each submitted run's config, so that its pipeline writes where the cluster reads.</param>
/// <param name="Store">That store, opened by the node.</param>
public sealed record DirectorOptions(string RunsFolder, string StoreLocation, IRunStore Store, ILogger Logger)
{
    public DirectorOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(RunsFolder)) throw new ArgumentException("node.runsDir must be set on coordinator nodes");
        if (string.IsNullOrWhiteSpace(StoreLocation)) throw new ArgumentException("node.store must be set on coordinator nodes");
        ArgumentNullException.ThrowIfNull(Store);
        ArgumentNullException.ThrowIfNull(Logger);
        return this;
    }
}
