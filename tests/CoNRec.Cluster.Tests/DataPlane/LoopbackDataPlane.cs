using System.Net.Sockets;
using System.Text;
using CoNRec.Cluster.DataPlane;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.DataPlane;

/// <summary>
/// A real data plane on loopback for one test: a temp folder holding the served root and a fetch cache, an
/// <see cref="ArtifactServer"/> on a free port and an <see cref="ArtifactFetcher"/> with short retry delays.
/// </summary>
internal sealed class LoopbackDataPlane : IAsyncDisposable
{
    readonly string _folder;

    LoopbackDataPlane(string folder, ArtifactServer server, ArtifactFetcher fetcher) => (_folder, Server, Fetcher) = (folder, server, fetcher);

    public ArtifactServer Server { get; }
    public ArtifactFetcher Fetcher { get; }
    public string Root => Server.Root;
    public string Cache => Path.Combine(_folder, "cache");
    public string Outside => Path.Combine(_folder, "outside");

    public static async Task<LoopbackDataPlane> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conrec-dataplane-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "outside"));
        var server = await ArtifactServer.StartAsync(new ArtifactServerOptions { Root = Path.Combine(folder, "root") }, Logger.None);
        return new LoopbackDataPlane(folder, server, NewFetcher(Path.Combine(folder, "cache")));
    }

    public static ArtifactFetcher NewFetcher(string cache, int attempts = 2) =>
        new(new ArtifactFetchOptions { CacheFolder = cache, Attempts = attempts, RetryDelay = TimeSpan.FromMilliseconds(10) }, Logger.None);

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="relative"/> under the root; returns the full path.</summary>
    public string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Every file under the cache, relative to it (partial files included).</summary>
    public string[] CachedFiles() => Directory.Exists(Cache)
        ? [.. Directory.GetFiles(Cache, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Cache, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// Sends <paramref name="rawTarget"/> as the request target byte for byte (HttpClient would normalise "..") and
    /// returns the status code and the whole response.
    /// </summary>
    public async Task<(int Status, string Response)> RawGetAsync(string rawTarget)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Server.BaseUri.Port);
        await using var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {rawTarget} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }

    public async ValueTask DisposeAsync()
    {
        Fetcher.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
