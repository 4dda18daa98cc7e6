using System.Globalization;
using System.Net;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Joining;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cli.Commands.Node;

/// <summary>
/// <c>conrec node</c>'s flags, checked: the roles it takes (rollout and reward in this version: the coordinator and the
/// learner run in the <c>conrec train</c> process), the seed it joins through, its own address, and its workers.
/// </summary>
internal sealed record NodeSettings(IReadOnlyList<string> Roles, IReadOnlyList<string> Seeds, string Hostname, int Port, int Workers, string Device)
{
    /// <summary>The roles a joining node may take in this version.</summary>
    public static IReadOnlyList<string> JoinableRoles { get; } = [RoleNames.Rollout, RoleNames.Reward];

    /// <exception cref="BadInputException">A flag's value is unusable (names the flag).</exception>
    public static NodeSettings Parse(string roles, IReadOnlyList<string> seeds, string hostname, int port, int workers, string device)
    {
        var names = roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new BadInputException($"--roles must name at least one of {string.Join(", ", JoinableRoles)}");
        foreach (var name in names)
            if (!JoinableRoles.Contains(name))
                throw new BadInputException(RoleNames.All.Contains(name)
                    ? $"--roles: '{name}' cannot run in conrec node yet (the coordinator and the learner run in the conrec train process); give {string.Join(" and/or ", JoinableRoles)}"
                    : $"--roles: '{name}' is not a role; give {string.Join(" and/or ", JoinableRoles)}");
        if (seeds.Count == 0) throw new BadInputException("--seed HOST:PORT is required: the conrec train process's cluster.hostname and cluster.port");
        var addresses = seeds.Select(SeedAddress).ToArray();
        if (string.IsNullOrWhiteSpace(hostname) || Uri.CheckHostName(hostname) == UriHostNameType.Unknown)
            throw new BadInputException($"--hostname '{hostname}' is not a host name or an IP address");
        if (port is < 0 or > 65535) throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--port must be in [0, 65535] (got {port})"));
        if (workers < 1) throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--workers must be >= 1 (got {workers})"));
        if (string.IsNullOrWhiteSpace(device)) throw new BadInputException("--device must name a device (cpu, cuda, cuda:1)");
        return new NodeSettings([.. names.Distinct(StringComparer.Ordinal)], addresses, hostname, port, workers, device);
    }

    /// <summary>The node's cluster settings: its roles, address and seeds, and the standalone-node profile (hocon/node.conf).</summary>
    public ClusterNodeOptions ToNodeOptions() => new(Roles, Hostname, Port, Seeds, HoconProfiles: ["node"]);

    /// <summary><see cref="Workers"/> workers of each role taken.</summary>
    public RunHostOptions ToRunHostOptions() =>
        new(Roles.Contains(RoleNames.Rollout) ? Workers : 0, Roles.Contains(RoleNames.Reward) ? Workers : 0, Device);

    static string SeedAddress(string seed)
    {
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new BadInputException($"--seed '{seed}' must be HOST:PORT with a port in [1, 65535]");
        var host = seed[..colon].Trim('[', ']');
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            throw new BadInputException($"--seed '{seed}': '{host}' is not a host name or an IP address");
        var formatted = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        return string.Create(CultureInfo.InvariantCulture, $"akka.tcp://{ClusterNodeOptions.SystemName}@{formatted}:{port}");
    }
}
