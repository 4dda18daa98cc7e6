namespace CoNRec.Storage.Postgres;

/// <summary>One retry of a store operation after a transient failure, for the caller's log (at Warning).</summary>
public sealed record StoreRetry(int Attempt, TimeSpan Delay, Exception Error);

/// <summary>
/// How the PostgreSQL store rides out a restart or a network blip: exponential backoff from
/// <see cref="FirstDelay"/>, doubling up to <see cref="MaxDelay"/>, each delay jittered to between half and all
/// of itself so that many nodes do not retry in step, giving up once <see cref="MaxElapsed"/> has passed.
/// </summary>
public sealed record StoreRetryOptions
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest an operation keeps retrying (zero: never); a PostgreSQL restart or failover takes seconds to a minute.</summary>
    public TimeSpan MaxElapsed { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Seeds the jitter; null: the process id, so that nodes spread out while a test can pin it.</summary>
    public int? JitterSeed { get; init; }

    /// <summary>Called before each wait (e.g. to log "store unavailable, retrying").</summary>
    public Action<StoreRetry>? OnRetry { get; init; }

    public void Validate()
    {
        if (FirstDelay <= TimeSpan.Zero)
            throw new ArgumentException($"store.retry.firstDelay must be > 0 (got {FirstDelay})");
        if (MaxDelay < FirstDelay)
            throw new ArgumentException($"store.retry.maxDelay must be >= store.retry.firstDelay (got {MaxDelay} < {FirstDelay})");
        if (MaxElapsed < TimeSpan.Zero)
            throw new ArgumentException($"store.retry.maxElapsed must be >= 0 (got {MaxElapsed})");
    }
}
