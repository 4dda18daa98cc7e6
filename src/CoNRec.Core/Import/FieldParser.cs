using System.Globalization;

namespace CoNRec.Core.Import;

/// <summary>Parses fields straight from spans (invariant culture), reporting bad values at the reader's line.</summary>
internal static class FieldParser
{
    public static long Integer(ReadOnlySpan<char> text, string what, ISourcePosition at) =>
        long.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw at.Error($"{what} '{Shorten(text)}' is not an integer");

    public static double Number(ReadOnlySpan<char> text, string what, ISourcePosition at) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw at.Error($"{what} '{Shorten(text)}' is not a finite number");

    /// <summary>Unix seconds; negative times are refused (events before 1970 are almost surely a unit mistake).</summary>
    public static long Seconds(ReadOnlySpan<char> text, string what, ISourcePosition at)
    {
        var value = Integer(text, what, at);
        return value >= 0 ? value : throw at.Error($"{what} {value} is negative");
    }

    /// <summary>A 0/1 flag; any non-zero number counts as set ("1.0" too, as some exports write it).</summary>
    public static bool Flag(ReadOnlySpan<char> text, string what, ISourcePosition at) => text switch
    {
        "0" => false,
        "1" => true,
        _ => Number(text, what, at) != 0,
    };

    /// <summary>Unix milliseconds as whole Unix seconds (rounded down); refused when negative.</summary>
    public static long SecondsFromMilliseconds(ReadOnlySpan<char> text, string what, ISourcePosition at)
    {
        var milliseconds = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : (long)Math.Floor(Number(text, what, at));
        return milliseconds >= 0 ? milliseconds / 1000 : throw at.Error($"{what} {milliseconds} is negative");
    }

    /// <summary>Keeps error messages one line long when a field is huge.</summary>
    public static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");
}
