using System.Globalization;

namespace CoNRec.Core.Import;

/// <summary>
/// Timestamps of the generic CSV format: whole Unix seconds ("1700000000") or ISO-8601 date-times
/// ("2024-03-01T12:30:00Z", "2024-03-01T12:30:00.250Z", "2024-03-01T14:30:00+02:00", "2024-03-01").
/// No suffix means UTC; an explicit offset is converted to UTC; fractions of a second are dropped.
/// Times before 1970 are refused.
/// </summary>
internal static class TimestampText
{
    static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    public static long Parse(ReadOnlySpan<char> text, string what, ISourcePosition at)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unix))
            return unix >= 0 ? unix : throw at.Error($"{what} {unix} is negative");
        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw at.Error($"{what} '{FieldParser.Shorten(text)}' is neither Unix seconds nor an ISO-8601 date-time such as 2024-03-01T12:30:00Z");
        var seconds = time.ToUnixTimeSeconds();
        return seconds >= 0 ? seconds : throw at.Error($"{what} '{FieldParser.Shorten(text)}' is before 1970");
    }
}
