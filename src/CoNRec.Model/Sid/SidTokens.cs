using System.Globalization;
using System.Text;

namespace CoNRec.Model.Sid;

/// <summary>
/// The text form of a semantic ID: one level-prefixed token per position, letters from 'a', e.g.
/// <c>&lt;a_5&gt;&lt;b_2&gt;&lt;c_9&gt;&lt;d_0&gt;</c> (three levels and the collision suffix).
/// </summary>
public static class SidTokens
{
    /// <summary>Positions a SID can have ('a'..'z').</summary>
    public const int MaxPositions = 26;

    /// <summary>The token of one code at one position, e.g. <c>Token(1, 2)</c> is <c>&lt;b_2&gt;</c>.</summary>
    public static string Token(int position, int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(code);
        return string.Create(CultureInfo.InvariantCulture, $"<{Letter(position)}_{code}>");
    }

    public static string Format(ReadOnlySpan<int> codes)
    {
        var text = new StringBuilder(codes.Length * 6);
        for (var p = 0; p < codes.Length; p++) text.Append(Token(p, codes[p]));
        return text.ToString();
    }

    /// <exception cref="FormatException">The text is not consecutive level-prefixed tokens from 'a'; the message quotes it.</exception>
    public static int[] Parse(string text) =>
        TryParse(text, out var codes, out var problem) ? codes : throw new FormatException($"SID '{text}': {problem}");

    public static bool TryParse(string text, out int[] codes) => TryParse(text, out codes, out _);

    static bool TryParse(string text, out int[] codes, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<int>();
        codes = [];
        var at = 0;
        while (at < text.Length)
        {
            var close = text.IndexOf('>', at);
            if (text[at] != '<' || close < 0) { problem = $"expected a token like <a_5> at character {at}"; return false; }
            var body = text.AsSpan(at + 1, close - at - 1);
            var expected = parsed.Count < MaxPositions ? Letter(parsed.Count) : '?';
            if (body.Length < 3 || body[0] != expected || body[1] != '_')
            {
                problem = $"token {parsed.Count + 1} should start with '<{expected}_'";
                return false;
            }
            if (!int.TryParse(body[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                problem = $"token {parsed.Count + 1} has no code number";
                return false;
            }
            parsed.Add(code);
            at = close + 1;
        }
        if (parsed.Count == 0) { problem = "no tokens"; return false; }
        codes = [.. parsed];
        problem = "";
        return true;
    }

    static char Letter(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, MaxPositions);
        return (char)('a' + position);
    }
}
