namespace CoNRec.Cluster.DataPlane;

/// <summary>How artifacts travel between nodes.</summary>
public enum DataPlaneMode
{
    /// <summary>Every node mounts the same volume; artifacts are file:// URIs checked in place.</summary>
    SharedDirectory,

    /// <summary>Each node serves its own artifacts over HTTP and fetches others' into a local cache.</summary>
    Http,
}

/// <summary>A node's data plane: the mode, the server (HTTP mode only) and the fetcher (used in both modes).</summary>
public sealed record DataPlaneOptions
{
    public DataPlaneMode Mode { get; init; } = DataPlaneMode.SharedDirectory;
    public ArtifactServerOptions Server { get; init; } = new();
    public ArtifactFetchOptions Fetch { get; init; } = new();

    public DataPlaneOptions Validate()
    {
        if (!Enum.IsDefined(Mode)) throw new ArgumentException($"dataPlane.mode must be {string.Join(" or ", Enum.GetNames<DataPlaneMode>())} (got {Mode})");
        if (Server is null) throw new ArgumentException("dataPlane.server must be set");
        if (Fetch is null) throw new ArgumentException("dataPlane.fetch must be set");
        if (Mode == DataPlaneMode.Http) Server.Validate();
        Fetch.Validate();
        return this;
    }
}
