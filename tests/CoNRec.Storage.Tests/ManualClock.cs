namespace CoNRec.Storage.Tests;

/// <summary>A clock tests move by hand. Only the wall clock is manual: timers and stopwatches stay real, so retry delays still elapse.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    long _ticks = start.UtcTicks;

    public static ManualClock At(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
