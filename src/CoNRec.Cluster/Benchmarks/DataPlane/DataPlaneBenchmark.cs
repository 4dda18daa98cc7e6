using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Protocol;
using Serilog.Core;

namespace CoNRec.Cluster.Benchmarks.DataPlane;

/// <summary>
/// Weight publication and fetch over the data plane on loopback against copying the same file locally. The file
/// is published as a policy version (hashed) on a real <see cref="ArtifactServer"/>; the HTTP path is
/// <see cref="ArtifactFetcher.FetchFileAsync"/> (stream, hash, fsync, compare, rename into the cache), the local path
/// the same work without the network (File.Copy, hash the copy, fsync, compare). Both are warmed up, then run in
/// alternating order; the figure of merit is the ratio of their rates (target: HTTP at least half of local).
/// </summary>
public static class DataPlaneBenchmark
{
    public const double TargetRatio = 0.5;
    const double Megabyte = 1024.0 * 1024.0;

    public static async Task<DataPlaneBenchmarkResult> RunAsync(TextWriter output, DataPlaneBenchmarkOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var inv = CultureInfo.InvariantCulture;
        var work = Path.GetFullPath(options.WorkFolder ?? Path.Combine(Path.GetTempPath(), "conrec-bench-dataplane-" + Guid.NewGuid().ToString("N")));
        var root = Path.Combine(work, "run");
        var source = Path.Combine(root, "policies", "v1.safetensors");
        try
        {
            WriteRandomFile(source, (long)options.Megabytes << 20, options.Seed);
            await using var server = await ArtifactServer.StartAsync(new ArtifactServerOptions { Root = root }, Logger.None, ct).ConfigureAwait(false);
            using var fetcher = new ArtifactFetcher(new ArtifactFetchOptions { CacheFolder = Path.Combine(work, "cache") }, Logger.None);
            output.WriteLine(string.Create(inv,
                $"data plane: {options.Megabytes} MB file (1 MB = 2^20 bytes) served at {server.BaseUri}; {options.Rounds} rounds alternating order after one warm-up of each path"));

            var publishStart = Stopwatch.GetTimestamp();
            var artifact = server.Publisher.DescribeFile(source);
            var publishRate = artifact.Bytes / Megabyte / Stopwatch.GetElapsedTime(publishStart).TotalSeconds;
            output.WriteLine(string.Create(inv, $"publish (sha256 of the file, URI {artifact.Uri}): {publishRate:F1} MB/s"));

            await FetchAsync(fetcher, artifact, 0, ct).ConfigureAwait(false);
            CopyLocally(source, artifact, Path.Combine(work, "copies"), 0);
            List<TransferTiming> runs = [];
            for (var round = 1; round <= options.Rounds; round++)
            {
                var httpFirst = round % 2 == 1;
                for (var leg = 0; leg < 2; leg++)
                {
                    var timing = leg == 0 == httpFirst
                        ? await FetchAsync(fetcher, artifact, round, ct).ConfigureAwait(false)
                        : CopyLocally(source, artifact, Path.Combine(work, "copies"), round);
                    runs.Add(timing);
                    output.WriteLine(string.Create(inv, $"round {round} {timing.Path}: {timing.MegabytesPerSecond:F1} MB/s ({timing.Seconds:F3} s)"));
                }
            }

            var result = new DataPlaneBenchmarkResult(runs, publishRate, Rate(runs, "http"), Rate(runs, "local"));
            output.WriteLine(string.Create(inv, $"http fetch: {result.HttpMegabytesPerSecond:F1} MB/s; local copy: {result.LocalMegabytesPerSecond:F1} MB/s"));
            output.WriteLine(string.Create(inv,
                $"ratio http/local: {result.Ratio:F2} (target >= {TargetRatio:F2}: {(result.Ratio >= TargetRatio ? "met" : "missed")})"));
            return result;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A fetch into an empty cache (the previous round's copy is removed first, so every round downloads).</summary>
    static async Task<TransferTiming> FetchAsync(ArtifactFetcher fetcher, ArtifactRef artifact, int round, CancellationToken ct)
    {
        var files = Path.Combine(fetcher.CacheFolder, "files");
        if (Directory.Exists(files)) Directory.Delete(files, recursive: true);
        var start = Stopwatch.GetTimestamp();
        await fetcher.FetchFileAsync(artifact, ct).ConfigureAwait(false);
        return new TransferTiming(round, "http", artifact.Bytes, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>The same work as a fetch, minus the network: copy, hash the copy, fsync it, compare.</summary>
    static TransferTiming CopyLocally(string source, ArtifactRef artifact, string folder, int round)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(source));
        var start = Stopwatch.GetTimestamp();
        File.Copy(source, target);
        string actual;
        using (var copy = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 20))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(copy));
            copy.Flush(flushToDisk: true);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (actual != artifact.Sha256) throw new InvalidDataException($"{target}: the local copy's sha256 {actual} differs from {artifact.Sha256}");
        return new TransferTiming(round, "local", artifact.Bytes, seconds);
    }

    static double Rate(List<TransferTiming> runs, string path)
    {
        var chosen = runs.Where(r => r.Path == path).ToArray();
        return chosen.Sum(r => r.Bytes) / Megabyte / chosen.Sum(r => r.Seconds);
    }

    /// <summary>Seeded random bytes (incompressible, like trained weights), written and fsynced in 1 MB chunks.</summary>
    static void WriteRandomFile(string path, long bytes, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        var chunk = new byte[1 << 20];
        using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, PreallocationSize = bytes });
        for (long written = 0; written < bytes; written += chunk.Length)
        {
            random.NextBytes(chunk);
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, bytes - written));
        }
        file.Flush(flushToDisk: true);
    }
}
