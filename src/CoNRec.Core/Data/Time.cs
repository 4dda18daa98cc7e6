namespace CoNRec.Core.Data;

/// <summary>Timestamps are Unix seconds (UTC); a "day" is a UTC calendar day.</summary>
public static class Time
{
    public const long SecondsPerDay = 86_400;

    public static long Day(long unixSeconds) => Math.DivRem(unixSeconds, SecondsPerDay, out var rem) - (rem < 0 ? 1 : 0);

    public static long Days(double days) => checked((long)Math.Round(days * SecondsPerDay));
}
