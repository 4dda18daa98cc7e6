using System.Globalization;
using System.Net;

namespace CoNRec.Cluster.DataPlane;

/// <summary>Where a node serves its artifacts over HTTP and the address other nodes use to reach them.</summary>
public sealed record ArtifactServerOptions
{
    /// <summary>The folder served (a node's run folder or artifact root); nothing outside it is reachable.</summary>
    public string Root { get; init; } = "";

    /// <summary>An IP address to listen on ("127.0.0.1", "0.0.0.0" for every interface, "::") or "localhost".</summary>
    public string BindHost { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port; <see cref="ArtifactServer.BaseUri"/> reports the one bound.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The host name or address other nodes put in the URI (a pod's DNS name, the node's address). Required when
    /// <see cref="BindHost"/> is a wildcard, since 0.0.0.0 is not an address anyone can connect to; otherwise it
    /// defaults to <see cref="BindHost"/>.
    /// </summary>
    public string? AdvertisedHost { get; init; }

    public ArtifactServerOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Root)) throw new ArgumentException("dataPlane.root must name the folder to serve");
        if (Port is < 0 or > 65535) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"dataPlane.port must be in [0, 65535] (got {Port})"));
        var address = ParseBindHost(BindHost);
        if (AdvertisedHost is not null && Uri.CheckHostName(AdvertisedHost.Trim('[', ']')) == UriHostNameType.Unknown)
            throw new ArgumentException($"dataPlane.advertisedHost '{AdvertisedHost}' is not a host name or an IP address");
        if (AdvertisedHost is null && IsWildcard(address))
            throw new ArgumentException($"dataPlane.advertisedHost must be set when dataPlane.bindHost is {BindHost}: a wildcard is not an address other nodes can reach");
        return this;
    }

    internal IPAddress BindAddress => ParseBindHost(BindHost);

    /// <summary>The host in the URIs this node publishes.</summary>
    internal string EffectiveAdvertisedHost => AdvertisedHost ?? (BindHost == "localhost" ? "127.0.0.1" : BindHost);

    static IPAddress ParseBindHost(string host) => host switch
    {
        // Kestrel's "localhost" binds two sockets and cannot then pick a free port; one loopback address can.
        "localhost" => IPAddress.Loopback,
        "*" => IPAddress.Any,
        _ when IPAddress.TryParse(host, out var address) => address,
        _ => throw new ArgumentException($"dataPlane.bindHost must be an IP address, \"*\" or \"localhost\" (got '{host}'); put a host name in dataPlane.advertisedHost"),
    };

    static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
