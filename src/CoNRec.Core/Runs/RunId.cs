using System.Globalization;
using System.Security.Cryptography;

namespace CoNRec.Core.Runs;

/// <summary>
/// A run's identity, e.g. "run-20261126-ab12cd": the UTC creation date (so ids sort by day and read well in
/// Seq and folder listings) and six random lower-case hex digits (so two runs started the same day differ).
/// </summary>
public readonly record struct RunId
{
    const string Prefix = "run-";
    const int Length = 19; // "run-" + yyyyMMdd + "-" + 6 hex digits

    RunId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id dated by <paramref name="time"/>'s UTC date.</summary>
    public static RunId New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var date = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Uniqueness, not reproducibility, is the point here, so the suffix comes from the OS generator.
        return new RunId($"{Prefix}{date}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
    }

    /// <summary>Parses an id written by <see cref="New"/>; the message names <paramref name="setting"/>.</summary>
    public static RunId Parse(string value, string setting = "run id") =>
        TryParse(value, out var id)
            ? id
            : throw new ArgumentException($"{setting} must look like run-YYYYMMDD-abcdef (got '{value}')", nameof(value));

    public static bool TryParse(string? value, out RunId id)
    {
        id = default;
        if (value is not { Length: Length } || !value.StartsWith(Prefix, StringComparison.Ordinal) || value[12] != '-')
            return false;
        if (!DateTime.TryParseExact(value.AsSpan(4, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return false;
        foreach (var c in value.AsSpan(13))
        {
            if (!char.IsAsciiHexDigitLower(c))
                return false;
        }

        id = new RunId(value);
        return true;
    }

    public override string ToString() => Value ?? "";
}
