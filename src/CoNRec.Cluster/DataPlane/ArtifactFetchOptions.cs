using System.Globalization;

namespace CoNRec.Cluster.DataPlane;

/// <summary>How a node fetches artifacts other nodes serve: where verified copies are kept and how long to wait.</summary>
public sealed record ArtifactFetchOptions
{
    /// <summary>Verified copies, keyed by sha256; a local folder (not a shared volume: a rename must be atomic).</summary>
    public string CacheFolder { get; init; } = "";

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a response may send nothing (headers, then each read) before the attempt counts as failed. A
    /// whole-transfer deadline would have to grow with the artifact; a stall is what a dead peer looks like.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per file for transient failures (refused or reset connections, stalls, HTTP 5xx, 408, 429).</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>The wait before the second attempt; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(8);

    public ArtifactFetchOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(CacheFolder)) throw new ArgumentException("dataPlane.cacheFolder must name a local folder for fetched artifacts");
        Positive(ConnectTimeout, "dataPlane.connectTimeout");
        Positive(StallTimeout, "dataPlane.stallTimeout");
        if (Attempts < 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"dataPlane.attempts must be >= 1 (got {Attempts})"));
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentException($"dataPlane.retryDelay must be >= 0 (got {RetryDelay})");
        if (MaxRetryDelay < RetryDelay) throw new ArgumentException($"dataPlane.maxRetryDelay must be >= dataPlane.retryDelay (got {MaxRetryDelay} < {RetryDelay})");
        return this;
    }

    static void Positive(TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"{setting} must be > 0 (got {value})");
    }
}
