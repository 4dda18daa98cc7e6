using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;
using ILogger = Serilog.ILogger;

namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// Resolves an <see cref="ArtifactRef"/> to a verified local path. A file:// artifact (shared directory) is
/// checked in place. An http(s):// one is streamed into a hidden partial file of the cache while it is hashed,
/// fsynced, compared with the reference and only then renamed to <c>files/{sha256}/{name}</c> (or, for a sealed
/// folder, <c>folders/{sha256}/</c>, every file checked against the manifest the reference's hash pins); a later
/// fetch of the same hash reuses it. Concurrent fetches of one artifact in this process share one download, and
/// processes sharing a cache race only on the final rename (same hash, same bytes). A failed fetch leaves nothing
/// in the cache; what a killed process left is swept when the next fetcher starts.
/// </summary>
public sealed class ArtifactFetcher : IDisposable
{
    const string PartialFolder = ".partial";
    static readonly TimeSpan StalePartialAge = TimeSpan.FromHours(1);

    readonly ArtifactFetchOptions _options;
    readonly ILogger _log;
    readonly HttpClient _client;
    readonly HttpDownload _download;
    readonly CancellationTokenSource _lifetime = new();
    readonly ConcurrentDictionary<string, Lazy<Task<string>>> _inFlight = new(StringComparer.Ordinal);

    public ArtifactFetcher(ArtifactFetchOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Validate();
        _log = logger;
        CacheFolder = Path.GetFullPath(options.CacheFolder);
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // HttpDownload bounds silence instead: a whole-transfer limit would have to grow with the artifact.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _download = new HttpDownload(_client, options, logger);
        SweepStalePartials();
    }

    public string CacheFolder { get; }

    /// <summary>The local path of a file artifact whose bytes match its sha256 and size.</summary>
    /// <exception cref="InvalidDataException">The bytes differ from the reference (names the URI or path).</exception>
    /// <exception cref="ArtifactFetchException">The server refused or could not be reached (names the URI).</exception>
    public Task<string> FetchFileAsync(ArtifactRef artifact, CancellationToken cancellationToken = default)
    {
        var uri = Parse(artifact);
        if (uri.IsFile) return Task.Run(() => FileArtifacts.VerifiedFile(artifact), cancellationToken);
        var target = Path.Combine(CacheFolder, "files", artifact.Sha256.ToLowerInvariant(), FileNameOf(uri));
        return SharedAsync(target, () => IsCachedFile(target, artifact.Bytes), ct => DownloadFileAsync(uri, artifact, target, ct), cancellationToken);
    }

    /// <summary>The local path of a folder sealed by <see cref="AtomicFolder"/> whose manifest and files all match.</summary>
    /// <inheritdoc cref="FetchFileAsync" path="/exception"/>
    public Task<string> FetchFolderAsync(ArtifactRef artifact, CancellationToken cancellationToken = default)
    {
        var uri = Parse(artifact);
        if (uri.IsFile) return Task.Run(() => FileArtifacts.VerifiedFolder(artifact), cancellationToken);
        var target = Path.Combine(CacheFolder, "folders", artifact.Sha256.ToLowerInvariant());
        return SharedAsync(target, () => File.Exists(Path.Combine(target, AtomicFolder.ManifestFile)),
            ct => new FolderDownload(_download, NewPartialPath).RunAsync(uri, artifact, target, ct), cancellationToken);
    }

    /// <summary>
    /// Drops the cached copy of a fetched file that is no longer needed (a policy version a replica has replaced), so
    /// that the cache does not grow by one version per step. A file:// artifact is never touched: it is the original.
    /// A download of it still in progress is left alone.
    /// </summary>
    public void Forget(ArtifactRef artifact)
    {
        var uri = Parse(artifact);
        if (uri.IsFile) return;
        var entry = Path.Combine(CacheFolder, "files", artifact.Sha256.ToLowerInvariant());
        if (_inFlight.ContainsKey(Path.Combine(entry, FileNameOf(uri))) || !Directory.Exists(entry)) return;
        try
        {
            Directory.Delete(entry, recursive: true);
            _log.Debug("Data plane dropped the cached copy of {Uri}", uri);
        }
        catch (DirectoryNotFoundException)
        {
            // Another replica on this node dropped it first.
        }
        catch (IOException e)
        {
            // Another process sharing the cache may be reading it; the next Forget tries again.
            _log.Warning(e, "Data plane could not drop the cached copy of {Uri} at {Entry}", uri, entry);
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _client.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>
    /// One download per target in this process. It runs under the fetcher's lifetime, not the first caller's token,
    /// so a caller that gives up does not fail the others; each caller stops waiting on its own token.
    /// </summary>
    async Task<string> SharedAsync(string target, Func<bool> isCached, Func<CancellationToken, Task> download, CancellationToken cancellationToken)
    {
        if (isCached())
        {
            _log.Debug("Data plane reuses the cached {Target}", target);
            return target;
        }
        var shared = _inFlight.GetOrAdd(target, _ => new Lazy<Task<string>>(() => RunOnceAsync(target, isCached, download)));
        return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    async Task<string> RunOnceAsync(string target, Func<bool> isCached, Func<CancellationToken, Task> download)
    {
        try
        {
            // Another download may have finished between the caller's check and this one's start.
            if (!isCached()) await download(_lifetime.Token).ConfigureAwait(false);
            return target;
        }
        finally
        {
            _inFlight.TryRemove(target, out _);
        }
    }

    async Task DownloadFileAsync(Uri uri, ArtifactRef artifact, string target, CancellationToken cancellationToken)
    {
        var partial = NewPartialPath();
        try
        {
            var start = Stopwatch.GetTimestamp();
            await _download.ToFileAsync(uri, artifact.Sha256, artifact.Bytes, partial, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // A rename that replaces: if another process sharing the cache got there first, its bytes are these bytes
            // (same hash) and a reader that already opened them keeps them; an entry of the wrong size is replaced.
            File.Move(partial, target, overwrite: true);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            _log.Debug("Data plane fetched {Uri} ({Bytes} bytes) in {Seconds:F2} s", uri, artifact.Bytes, seconds);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    bool IsCachedFile(string target, long bytes)
    {
        var file = new FileInfo(target);
        if (!file.Exists) return false;
        if (file.Length == bytes) return true;
        _log.Warning("Data plane cache entry {Target} has {Actual} bytes, not {Expected}; fetching it again", target, file.Length, bytes);
        return false;
    }

    /// <summary>
    /// Removes what a killed process left half-written. Only entries untouched for <see cref="StalePartialAge"/>: a
    /// download in progress (here or in another process sharing the cache) writes all the time.
    /// </summary>
    void SweepStalePartials()
    {
        var folder = new DirectoryInfo(Path.Combine(CacheFolder, PartialFolder));
        if (!folder.Exists) return;
        var cutoff = DateTime.UtcNow - StalePartialAge;
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            try
            {
                var newest = entry is DirectoryInfo dir
                    ? dir.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(e => e.LastWriteTimeUtc).Append(dir.LastWriteTimeUtc).Max()
                    : entry.LastWriteTimeUtc;
                if (newest >= cutoff) continue;
                if (entry is DirectoryInfo stale) stale.Delete(recursive: true);
                else entry.Delete();
                _log.Information("Data plane removed the stale partial download {Path}", entry.FullName);
            }
            catch (IOException e)
            {
                _log.Warning(e, "Data plane could not remove the stale partial download {Path}", entry.FullName);
            }
        }
    }

    string NewPartialPath()
    {
        var folder = Path.Combine(CacheFolder, PartialFolder);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    static Uri Parse(ArtifactRef artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (!Uri.TryCreate(artifact.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("file" or "http" or "https"))
            throw new NotSupportedException($"artifact '{artifact.Uri}': only file://, http:// and https:// URIs are fetched");
        // The hash names a cache folder: only 64 hex digits may get that far.
        if (artifact.Sha256.Length != 64 || !artifact.Sha256.All(char.IsAsciiHexDigit))
            throw new InvalidDataException($"artifact '{artifact.Uri}': sha256 '{artifact.Sha256}' is not 64 hex digits");
        if (artifact.Bytes < 0)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"artifact '{artifact.Uri}': size {artifact.Bytes} is negative"));
        return uri;
    }

    /// <summary>The URI's last segment, kept so that the cached copy has the published name (and extension).</summary>
    static string FileNameOf(Uri uri)
    {
        var name = Path.GetFileName(Uri.UnescapeDataString(uri.Segments[^1]));
        return name.Length == 0 || name[0] == '.' || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? "artifact" : name;
    }

    internal static Manifest ReadManifest(string path, Uri uri)
    {
        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{uri}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{uri}: malformed manifest ({e.Message})", e);
        }
    }
}
