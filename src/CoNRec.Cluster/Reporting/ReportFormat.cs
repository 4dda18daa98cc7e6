using System.Globalization;

namespace CoNRec.Cluster.Reporting;

/// <summary>How reports and run listings write values: invariant culture, UTC, "-" for nothing.</summary>
internal static class ReportFormat
{
    public const string None = "-";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    /// <summary>Six significant digits: enough for a metric, short enough for a table.</summary>
    public static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        _ => value.ToString("G6", CultureInfo.InvariantCulture),
    };

    public static string Number(double? value) => value is { } v ? Number(v) : None;

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{Integer(bytes)} B",
        < 1024 * 1024 => Scaled(bytes, 1024, "KiB"),
        < 1024L * 1024 * 1024 => Scaled(bytes, 1024 * 1024, "MiB"),
        _ => Scaled(bytes, 1024L * 1024 * 1024, "GiB"),
    };

    public static string Samples(long done, long budget) => $"{Integer(done)} / {Integer(budget)}";

    static string Scaled(long bytes, long unit, string name) =>
        ((double)bytes / unit).ToString("0.0", CultureInfo.InvariantCulture) + " " + name;
}
