using ILogger = Serilog.ILogger;

namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// What one node holds of the data plane, started and stopped with the node: in HTTP mode its
/// <see cref="ArtifactServer"/>; in both modes a <see cref="Publisher"/> that names what this node produces and a
/// <see cref="Fetcher"/> that turns what others publish into verified local paths. Akka carries only the references.
/// </summary>
public sealed class DataPlaneNode : IAsyncDisposable
{
    DataPlaneNode(ArtifactServer? server, ArtifactFetcher fetcher) => (Server, Fetcher) = (server, fetcher);

    /// <summary>Null in shared-directory mode.</summary>
    public ArtifactServer? Server { get; }

    public ArtifactFetcher Fetcher { get; }

    public ArtifactPublisher Publisher => Server?.Publisher ?? ArtifactPublisher.SharedDirectory;

    public static async Task<DataPlaneNode> StartAsync(DataPlaneOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var fetcher = new ArtifactFetcher(options.Fetch, logger);
        try
        {
            var server = options.Mode == DataPlaneMode.Http
                ? await ArtifactServer.StartAsync(options.Server, logger, cancellationToken).ConfigureAwait(false)
                : null;
            return new DataPlaneNode(server, fetcher);
        }
        catch
        {
            fetcher.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fetcher.Dispose();
        if (Server is not null) await Server.DisposeAsync().ConfigureAwait(false);
    }
}
