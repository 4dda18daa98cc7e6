using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ILogger = Serilog.ILogger;

namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// One file over HTTP into a local file: streamed, hashed as it arrives (SHA-256, incrementally), fsynced, then
/// compared with the expected hash and size. Transient failures are retried with doubling delays; the target is
/// overwritten by each attempt and the caller deletes it on failure.
/// </summary>
sealed class HttpDownload(HttpClient client, ArtifactFetchOptions options, ILogger log)
{
    const int ChunkBytes = 1 << 20;

    /// <param name="expectedBytes">The size, when the reference states it (a folder's manifest is fetched by hash alone).</param>
    /// <exception cref="ArtifactFetchException">The server refused or failed, after the retries transient failures get.</exception>
    /// <exception cref="InvalidDataException">The bytes do not match <paramref name="expectedSha256"/> or <paramref name="expectedBytes"/>.</exception>
    public async Task ToFileAsync(Uri uri, string expectedSha256, long? expectedBytes, string target, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AttemptAsync(uri, expectedSha256, expectedBytes, target, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && AsFetchFailure(uri, e) is { IsTransient: true } failure)
            {
                if (attempt >= options.Attempts)
                    throw new ArtifactFetchException(failure.Uri, string.Create(CultureInfo.InvariantCulture, $"{failure.Message} (gave up after {attempt} attempts)"),
                        failure.StatusCode, isTransient: true, failure);
                var delay = Backoff(attempt);
                log.Warning("Fetching {Uri} failed on attempt {Attempt} of {Attempts} ({Reason}); retrying in {DelayMs} ms",
                    uri, attempt, options.Attempts, failure.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    async Task AttemptAsync(Uri uri, string expectedSha256, long? expectedBytes, string target, CancellationToken cancellationToken)
    {
        // Reset before every read: the limit is on silence, not on the whole transfer.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(options.StallTimeout);
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var code = response.StatusCode;
            throw new ArtifactFetchException(uri.AbsoluteUri, string.Create(CultureInfo.InvariantCulture, $"{uri}: HTTP {(int)code} {response.ReasonPhrase}"),
                code, isTransient: (int)code >= 500 || code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
        }
        var announced = response.Content.Headers.ContentLength;
        if (expectedBytes is { } expected && announced is { } length && length != expected)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{uri}: the server sends {length} bytes, the artifact has {expected}"));

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            await using var body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
            await using (var file = new FileStream(target, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
                PreallocationSize = expectedBytes ?? announced ?? 0,
            }))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkBytes), stall.Token).ConfigureAwait(false)) > 0)
                {
                    stall.CancelAfter(options.StallTimeout);
                    hash.AppendData(buffer, 0, read);
                    file.Write(buffer, 0, read);
                    received += read;
                    if (received > (expectedBytes ?? long.MaxValue))
                        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{uri}: more than the artifact's {expectedBytes} bytes"));
                }
                file.Flush(flushToDisk: true);
            }
            if (expectedBytes is { } size && received != size)
                throw new ArtifactFetchException(uri.AbsoluteUri, string.Create(CultureInfo.InvariantCulture, $"{uri}: the transfer ended after {received} of {size} bytes"),
                    isTransient: true);
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!actual.Equals(expectedSha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{uri}: sha256 {actual} does not match the published {expectedSha256}; the download was discarded");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The failure as the fetch reports it, or null when it is not a transport failure (a hash mismatch, a bug).</summary>
    static ArtifactFetchException? AsFetchFailure(Uri uri, Exception e) => e switch
    {
        ArtifactFetchException fetch => fetch,
        // A stall: our timer, not the caller's token (the filter checks that).
        OperationCanceledException => new ArtifactFetchException(uri.AbsoluteUri, $"{uri}: no data for the stall timeout (dataPlane.stallTimeout)", isTransient: true, inner: e),
        HttpRequestException http => new ArtifactFetchException(uri.AbsoluteUri, $"{uri}: {http.Message}", http.StatusCode, isTransient: true, http),
        // A connection reset mid-body; a local write error (a full disk) is not the peer's and is not retried.
        HttpIOException or IOException { InnerException: SocketException } => new ArtifactFetchException(uri.AbsoluteUri, $"{uri}: {e.Message}", isTransient: true, inner: e),
        _ => null,
    };

    TimeSpan Backoff(int attempt)
    {
        var doubled = options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        // Jitter, so that workers that lost the same peer do not come back in step.
        var jittered = Math.Min(doubled, options.MaxRetryDelay.TotalMilliseconds) * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(jittered);
    }
}
