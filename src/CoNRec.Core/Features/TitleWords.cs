namespace CoNRec.Core.Features;

/// <summary>Splits a title into the words <see cref="TextFeaturizer"/> hashes (rules documented there).</summary>
internal static class TitleWords
{
    /// <summary>Lower-cases the title and drops apostrophes, so that "Children's" and "childrens" agree.</summary>
    public static string Lower(string title)
    {
        var lowered = title.ToLowerInvariant();
        return lowered.Contains('\'', StringComparison.Ordinal) || lowered.Contains('\u2019', StringComparison.Ordinal)
            ? lowered.Replace("'", "", StringComparison.Ordinal).Replace("\u2019", "", StringComparison.Ordinal)
            : lowered;
    }

    public static List<Range> Split(string text)
    {
        var words = new List<Range>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsIdeograph(c))
            {
                if (start >= 0) words.Add(start..i);
                words.Add(i..(i + 1));
                start = -1;
            }
            else if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                if (start < 0) start = i;
            }
            else if (start >= 0)
            {
                words.Add(start..i);
                start = -1;
            }
        }
        if (start >= 0) words.Add(start..text.Length);
        return words;
    }

    /// <summary>CJK ideographs and Japanese kana: scripts written without spaces between words.</summary>
    static bool IsIdeograph(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
}
