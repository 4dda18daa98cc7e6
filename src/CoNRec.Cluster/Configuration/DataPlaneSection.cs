using CoNRec.Cluster.DataPlane;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// How policy weights and checkpoints travel between nodes (<see cref="DataPlaneNode"/>). In
/// <see cref="DataPlaneMode.SharedDirectory"/> mode, the default and all a single-process run needs, artifacts are
/// file:// URIs on a volume every node reads. In <see cref="DataPlaneMode.Http"/> mode each node serves what it
/// produces with its own Kestrel server and the others fetch it into a local cache; receivers check every sha256.
/// Akka carries only {run, version, URI, sha256}. The section changes nothing that is trained, so a resumed run may
/// change it (<see cref="ConfigFingerprint.ResumableSections"/>).
/// </summary>
public sealed record DataPlaneSection
{
    /// <summary>The default cache, under the run folder; hidden, so the node's own server never serves it.</summary>
    public const string DefaultCacheFolder = ".dataplane-cache";

    /// <summary>Stands in for the node's host name when the section is checked on its own.</summary>
    const string AnyHost = "localhost";

    public DataPlaneMode Mode { get; init; } = DataPlaneMode.SharedDirectory;

    /// <summary>HTTP mode: the server's port; 0 picks a free one at every start (the URIs carry it).</summary>
    public int Port { get; init; }

    /// <summary>HTTP mode: the address the server listens on; the default, every interface, lets other nodes in.</summary>
    public string BindHost { get; init; } = "0.0.0.0";

    /// <summary>HTTP mode: the host other nodes put in the URIs; null: the node's cluster host name.</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>Where fetched artifacts are kept, a local folder; null: <see cref="DefaultCacheFolder"/> in the run folder.</summary>
    public string? CacheFolder { get; init; }

    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
            throw new ArgumentException($"dataPlane.mode must be sharedDirectory or http (got {Mode})");
        if (CacheFolder is not null && string.IsNullOrWhiteSpace(CacheFolder))
            throw new ArgumentException("dataPlane.cacheFolder must name a local folder, or be null for a cache in the run folder");
        // The server's own checks name dataPlane.port, dataPlane.bindHost and dataPlane.advertisedHost.
        ServerOptions(".", AnyHost).Validate();
    }

    /// <summary>The node's data plane for a run folder: it serves the folder (HTTP mode) and caches what it fetches.</summary>
    /// <param name="nodeHostname">The node's cluster host name, advertised when <see cref="AdvertisedHost"/> is null.</param>
    public DataPlaneOptions ToOptions(string runFolder, string nodeHostname)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        var root = Path.GetFullPath(runFolder);
        return new DataPlaneOptions
        {
            Mode = Mode,
            Server = ServerOptions(root, nodeHostname),
            Fetch = new ArtifactFetchOptions { CacheFolder = Path.GetFullPath(CacheFolder ?? DefaultCacheFolder, root) },
        };
    }

    /// <summary>This section with a relative <see cref="CacheFolder"/> made absolute against <paramref name="folder"/>.</summary>
    public DataPlaneSection ResolvedAgainst(string folder) =>
        CacheFolder is null || Path.IsPathRooted(CacheFolder) ? this : this with { CacheFolder = Path.GetFullPath(Path.Combine(folder, CacheFolder)) };

    ArtifactServerOptions ServerOptions(string root, string nodeHostname) =>
        new() { Root = root, BindHost = BindHost, Port = Port, AdvertisedHost = AdvertisedHost ?? nodeHostname };
}
