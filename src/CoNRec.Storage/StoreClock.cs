namespace CoNRec.Storage;

/// <summary>
/// Times as both stores keep them: UTC, whole microseconds (PostgreSQL's resolution), so a record returned by
/// a write equals the same record read back later.
/// </summary>
static class StoreClock
{
    const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TicksPerMicrosecond, TimeSpan.Zero);
    }

    /// <summary>Microseconds since the Unix epoch: how SQLite stores a time (sortable, exact).</summary>
    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (Truncate(value).Ticks - DateTimeOffset.UnixEpoch.Ticks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.Ticks + microseconds * TicksPerMicrosecond, TimeSpan.Zero);
}
