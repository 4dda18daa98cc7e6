using System.Globalization;

namespace CoNRec.Cluster.Benchmarks.DataPlane;

/// <summary>The data plane benchmark's shape: one policy-sized file, fetched over loopback HTTP and copied locally, alternately.</summary>
public sealed record DataPlaneBenchmarkOptions
{
    /// <summary>The file's size in MB (2^20 bytes); 256 MB is a small policy's weights in fp32 (about 64M parameters).</summary>
    public int Megabytes { get; init; } = 256;

    /// <summary>Timed rounds, each running both paths; odd rounds fetch first, even rounds copy first.</summary>
    public int Rounds { get; init; } = 3;

    public int Seed { get; init; } = 17;

    /// <summary>Where the file and its copies go (deleted afterwards); a fresh folder under the temp folder when null.</summary>
    public string? WorkFolder { get; init; }

    public DataPlaneBenchmarkOptions Validate()
    {
        if (Megabytes is < 1 or > 65_536) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"bench.megabytes must be in [1, 65536] (got {Megabytes})"));
        if (Rounds < 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"bench.rounds must be >= 1 (got {Rounds})"));
        if (WorkFolder is not null && string.IsNullOrWhiteSpace(WorkFolder)) throw new ArgumentException("bench.workFolder must name a folder when set");
        return this;
    }
}

/// <summary>One timed transfer of the whole file by one path ("http" or "local").</summary>
public sealed record TransferTiming(int Round, string Path, long Bytes, double Seconds)
{
    public double MegabytesPerSecond => Bytes / (1024.0 * 1024.0) / Seconds;
}

/// <summary>Every timed transfer, the rate of each path over all its rounds, the publication rate and the ratio.</summary>
public sealed record DataPlaneBenchmarkResult(IReadOnlyList<TransferTiming> Runs, double PublishMegabytesPerSecond, double HttpMegabytesPerSecond,
    double LocalMegabytesPerSecond)
{
    public double Ratio => HttpMegabytesPerSecond / LocalMegabytesPerSecond;
}
