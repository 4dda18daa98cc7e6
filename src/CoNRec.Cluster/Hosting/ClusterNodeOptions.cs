using CoNRec.Cluster.Hosting.Bootstrap;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Hosting;

/// <summary>How a node joins the cluster.</summary>
/// <param name="Roles">The roles this node takes (<see cref="RoleNames"/>); a single-process run takes all.</param>
/// <param name="Hostname">The address other nodes reach this one at.</param>
/// <param name="Port">0 picks a free port (a cluster of one needs no fixed port).</param>
/// <param name="SeedNodes">Akka addresses to join; empty: the node joins itself, a cluster of one.</param>
/// <param name="HoconProfiles">hocon/ files layered over serialization.conf, e.g. "testing".</param>
/// <param name="Tls">TLS for remoting; null (the default): plain TCP. With TLS, seeds are akka.ssl.tcp:// addresses.</param>
/// <param name="Bootstrap">Cluster bootstrap through Akka.Management (Hosting/Bootstrap); set, the node finds the others
/// by discovery: no seed nodes, no cluster of one.</param>
public sealed record ClusterNodeOptions(
    IReadOnlyList<string> Roles,
    string Hostname = "localhost",
    int Port = 0,
    IReadOnlyList<string>? SeedNodes = null,
    IReadOnlyList<string>? HoconProfiles = null,
    RemotingTls? Tls = null,
    ClusterBootstrapOptions? Bootstrap = null)
{
    const string TcpScheme = "akka.tcp://";
    const string TlsScheme = "akka.ssl.tcp://";

    public const string SystemName = "conrec";

    public static ClusterNodeOptions SingleProcess { get; } = new(RoleNames.All);

    public ClusterNodeOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Roles);
        if (Roles.Count == 0) throw new ArgumentException("cluster.roles must name at least one role");
        foreach (var role in Roles)
            if (!RoleNames.All.Contains(role)) throw new ArgumentException($"cluster.roles: '{role}' is not a role ({string.Join(", ", RoleNames.All)})");
        if (string.IsNullOrWhiteSpace(Hostname)) throw new ArgumentException("cluster.hostname must be set");
        if (Port is < 0 or > 65535) throw new ArgumentException($"cluster.port must be in [0, 65535] (got {Port})");
        // A TLS node only has an akka.ssl.tcp transport: a seed at the other scheme would never be reached.
        var scheme = Tls is null ? TcpScheme : TlsScheme;
        foreach (var seed in SeedNodes ?? [])
            if (!seed.StartsWith(scheme, StringComparison.Ordinal))
                throw new ArgumentException($"cluster.seedNodes: '{seed}' must start with {scheme} ({(Tls is null ? "TLS is off" : "cluster.tls is set")})");
        Tls?.Validate();
        if (Bootstrap is not null && SeedNodes is { Count: > 0 })
            throw new ArgumentException($"cluster.seedNodes must be empty with cluster bootstrap ({ClusterBootstrapOptions.BootstrapVariable} is set): the bootstrap finds the nodes");
        Bootstrap?.Validate();
        return this;
    }
}
