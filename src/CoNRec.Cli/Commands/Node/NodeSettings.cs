using System.Globalization;
using System.Net;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Bootstrap;
using CoNRec.Cluster.Hosting.Joining;
using CoNRec.Cluster.Roles;
using CoNRec.Storage;

namespace CoNRec.Cli.Commands.Node;

/// <summary>
/// <c>conrec node</c>'s settings, checked: each flag, else its environment variable (<see cref="NodeVariables"/>), else
/// its default. Coordinator nodes run submitted runs: they need the cluster's shared PostgreSQL store (an embedded SQLite
/// store belongs to one process) and the runs volume. Rollout and reward nodes need only a seed. A node joins through
/// seeds or, with CONREC_BOOTSTRAP set, through Akka.Management's cluster bootstrap (Kubernetes API or a fixed list).
/// </summary>
internal sealed record NodeSettings(IReadOnlyList<string> Roles, IReadOnlyList<string> Seeds, string Hostname, int Port, int Workers, string Device,
    string? RunsFolder, StoreLocation? Store, string? StoreText, ClusterBootstrapOptions? Bootstrap, RemotingTls? Tls)
{
    /// <summary>The flags' values as given (null: not given).</summary>
    public sealed record Flags(string? Roles, IReadOnlyList<string> Seeds, string? Hostname, int? Port, int? Workers, string? Device, string? RunsDir, string? Store);

    /// <param name="tls">TLS for remoting, already checked (<see cref="TlsFlags"/>); null: plain TCP.</param>
    /// <exception cref="BadInputException">A value is unusable (names the flag and its variable).</exception>
    public static NodeSettings Parse(Flags flags, RemotingTls? tls, Func<string, string?> environment)
    {
        var rolesText = flags.Roles ?? environment(NodeVariables.Roles)
            ?? throw new BadInputException($"--roles is required (or {NodeVariables.Roles}): {string.Join(", ", RoleNames.All)}");
        var names = rolesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new BadInputException($"--roles must name at least one of {string.Join(", ", RoleNames.All)}");
        foreach (var name in names)
            if (!RoleNames.All.Contains(name)) throw new BadInputException($"--roles: '{name}' is not a role; give any of {string.Join(", ", RoleNames.All)}");
        var roles = names.Distinct(StringComparer.Ordinal).ToArray();

        var bootstrap = BootstrapFrom(environment);
        var seeds = flags.Seeds.Count > 0 ? flags.Seeds : Split(environment(NodeVariables.Seeds));
        if (seeds.Count == 0 && bootstrap is null)
            throw new BadInputException($"--seed HOST:PORT is required (or {NodeVariables.Seeds}, or cluster bootstrap with {ClusterBootstrapOptions.BootstrapVariable}): " +
                "a cluster node to join through; the first coordinator node names itself");
        if (seeds.Count > 0 && bootstrap is not null)
            throw new BadInputException($"--seed and {ClusterBootstrapOptions.BootstrapVariable} exclude each other: a node joins through seeds or through bootstrap");
        var addresses = seeds.Select(seed => SeedAddress(seed, tls is not null)).ToArray();

        var hostname = flags.Hostname ?? environment(NodeVariables.Hostname) ?? "localhost";
        if (string.IsNullOrWhiteSpace(hostname) || Uri.CheckHostName(hostname) == UriHostNameType.Unknown)
            throw new BadInputException($"--hostname '{hostname}' is not a host name or an IP address");
        var port = flags.Port ?? Number(environment(NodeVariables.Port), NodeVariables.Port) ?? NodeVariables.DefaultRemotingPort;
        if (port is < 0 or > 65535) throw new BadInputException(Inv($"--port must be in [0, 65535] (got {port})"));
        var workers = flags.Workers ?? Number(environment(NodeVariables.Workers), NodeVariables.Workers) ?? 1;
        if (workers < 1) throw new BadInputException(Inv($"--workers must be >= 1 (got {workers})"));
        var device = flags.Device ?? environment(NodeVariables.Device) ?? "cpu";
        if (string.IsNullOrWhiteSpace(device)) throw new BadInputException("--device must name a device (cpu, cuda, cuda:1)");

        var runsFolder = flags.RunsDir ?? environment(NodeVariables.RunsDir);
        StoreLocation? store = null;
        var storeText = flags.Store ?? environment(StoreLocation.StoreVariable);
        if (roles.Contains(RoleNames.Coordinator))
        {
            if (string.IsNullOrWhiteSpace(storeText))
                throw new BadInputException($"--roles coordinator needs the cluster's PostgreSQL store: pass --store postgres://USER@HOST:PORT/DB or set {StoreLocation.StoreVariable}");
            store = CoordinatorStore(storeText, environment);
            if (string.IsNullOrWhiteSpace(runsFolder))
                throw new BadInputException($"--roles coordinator needs --runs-dir DIR (or {NodeVariables.RunsDir}): the volume, shared with the learner and worker nodes, that holds submitted runs");
            runsFolder = Path.GetFullPath(runsFolder);
        }
        return new NodeSettings(roles, addresses, hostname, port, workers, device, runsFolder, store, storeText, bootstrap, tls);
    }

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>The node's cluster settings: its roles, address and seeds, and the standalone-node profile (hocon/node.conf).</summary>
    public ClusterNodeOptions ToNodeOptions() => new(Roles, Hostname, Port, Seeds, HoconProfiles: ["node"], Tls: Tls, Bootstrap: Bootstrap);

    /// <summary><see cref="Workers"/> workers of each worker role taken; null: the node takes neither.</summary>
    public RunHostOptions? ToRunHostOptions() => Has(RoleNames.Rollout) || Has(RoleNames.Reward)
        ? new(Has(RoleNames.Rollout) ? Workers : 0, Has(RoleNames.Reward) ? Workers : 0, Device)
        : null;

    /// <summary>A multi-node cluster shares one store: the embedded SQLite file cannot be, so it is refused by name.</summary>
    static StoreLocation CoordinatorStore(string text, Func<string, string?> environment)
    {
        StoreLocation location;
        try
        {
            new StoreSection { Location = text }.Validate();
            location = StoreLocation.Parse(text, "--store", environment);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
        if (location.Kind != StoreKind.Postgres)
            throw new BadInputException($"--store {location.Redacted}: a cluster needs the PostgreSQL store (postgres://USER@HOST:PORT/DB) that every coordinator node shares; " +
                "the embedded SQLite store belongs to one process (conrec train)");
        return location;
    }

    static ClusterBootstrapOptions? BootstrapFrom(Func<string, string?> environment)
    {
        try
        {
            return ClusterBootstrapOptions.FromEnvironment(environment);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    static IReadOnlyList<string> Split(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    static int? Number(string? text, string variable)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadInputException($"{variable} must be a whole number (got '{text}')");
    }

    /// <summary>A TLS node has only the akka.ssl.tcp transport, so its seeds are reached at that scheme.</summary>
    static string SeedAddress(string seed, bool tls)
    {
        var (host, port) = HostPort.Parse(seed, "--seed");
        var formatted = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        return Inv($"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{ClusterNodeOptions.SystemName}@{formatted}:{port}");
    }

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
