using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// How an unquoted YAML scalar is typed, by the YAML 1.2 core schema: null (~, null, empty), booleans (true, false),
/// integers (decimal, 0x hex, 0o octal) and floats; anything else, and every quoted scalar, is text.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>The JSON literal of a plain scalar that is not text ("null", "true", "42", "1E-05"); null for text.</summary>
    public static string? JsonLiteral(string plain)
    {
        switch (plain)
        {
            case "" or "~" or "null" or "Null" or "NULL": return "null";
            case "true" or "True" or "TRUE": return "true";
            case "false" or "False" or "FALSE": return "false";
        }
        if (DecimalInteger().IsMatch(plain)) return BigInteger.Parse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        if (plain.StartsWith("0x", StringComparison.Ordinal) && HexDigits().IsMatch(plain[2..]))
            return BigInteger.Parse("0" + plain[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        if (plain.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(plain[2..]))
            return plain[2..].Aggregate(BigInteger.Zero, (n, digit) => n * 8 + (digit - '0')).ToString(CultureInfo.InvariantCulture);
        if (Float().IsMatch(plain))
        {
            var unsigned = plain.TrimStart('+');
            return JsonNumber().IsMatch(unsigned)
                ? unsigned
                : double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        }
        return null;
    }

    /// <summary>Text a YAML writer must quote so that it reads back as text, here and in YAML 1.1 readers (yes, off).</summary>
    public static bool NeedsQuotes(string text) =>
        text.Length == 0 || JsonLiteral(text) is not null || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])
        || Yaml11Words.Contains(text);

    static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase) { "y", "n", "yes", "no", "on", "off", ".inf", "-.inf", "+.inf", ".nan" };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[0-9a-fA-F]+$")]
    private static partial Regex HexDigits();

    [GeneratedRegex(@"^[0-7]+$")]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
