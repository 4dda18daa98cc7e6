namespace CoNRec.Storage.Postgres;

/// <summary>
/// Runs a store operation, retrying transient failures with capped, jittered exponential backoff. Operations
/// must be whole transactions that are safe to repeat: a commit whose acknowledgement was lost is retried,
/// and the store's unique constraints make the repeat a no-op.
/// </summary>
sealed class RetryPolicy
{
    readonly StoreRetryOptions _options;
    readonly TimeProvider _time;
    readonly string _location;
    readonly Random _jitter;
    readonly Lock _jitterLock = new();

    public RetryPolicy(StoreRetryOptions options, TimeProvider time, string location)
    {
        options.Validate();
        _options = options;
        _time = time;
        _location = location;
        _jitter = new Random(options.JitterSeed ?? Environment.ProcessId);
    }

    /// <summary>Runs <paramref name="operation"/>; <paramref name="onTransient"/> runs after each transient failure (e.g. to drop pooled connections).</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, Action onTransient, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && TransientErrors.IsTransient(e))
            {
                onTransient();
                var delay = DelayBefore(attempt + 1);
                var elapsed = _time.GetElapsedTime(started);
                if (elapsed + delay > _options.MaxElapsed)
                    throw new RunStoreUnavailableException(_location, attempt, elapsed, e);
                _options.OnRetry?.Invoke(new StoreRetry(attempt + 1, delay, e));
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> (2, 3, ...): FirstDelay * 2^(attempt-2), capped, jittered to [50%, 100%].</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        var exponent = Math.Min(attempt - 2, 30);
        var capped = Math.Min(_options.FirstDelay.Ticks * (double)(1L << exponent), _options.MaxDelay.Ticks);
        double fraction;
        lock (_jitterLock)
            fraction = 0.5 + 0.5 * _jitter.NextDouble();
        return TimeSpan.FromTicks((long)(capped * fraction));
    }
}
