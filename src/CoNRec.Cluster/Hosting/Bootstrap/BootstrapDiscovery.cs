namespace CoNRec.Cluster.Hosting.Bootstrap;

/// <summary>Where cluster bootstrap looks for the other nodes' management endpoints.</summary>
public enum BootstrapDiscovery
{
    /// <summary>The Kubernetes API: the pods matching a label selector in this pod's namespace (needs get/list/watch on pods).</summary>
    Kubernetes,

    /// <summary>A fixed list of management endpoints (Docker Compose, tests).</summary>
    Config,
}
