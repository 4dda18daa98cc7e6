using System.Globalization;
using System.Text;

namespace CoNRec.Model.Vocab;

/// <summary>
/// How titles are cut into words before BPE: lower-cased (invariant culture), split at whitespace, with each
/// punctuation or symbol character a word of its own ("Red-Wool socks!" -> red, -, wool, socks, !).
/// Characters are Unicode scalar values, so a surrogate pair is never split.
/// </summary>
public static class TitleWords
{
    public static List<string> Split(string title)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in title.EnumerateRunes())
        {
            var rune = Rune.ToLowerInvariant(raw);
            if (IsWordPart(rune))
            {
                current.Append(rune.ToString());
                continue;
            }
            Flush(words, current);
            if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune)) words.Add(rune.ToString());
        }
        Flush(words, current);
        return words;
    }

    /// <summary>The characters of a word, one string per Unicode scalar value.</summary>
    public static List<string> Characters(string word)
    {
        var characters = new List<string>(word.Length);
        foreach (var rune in word.EnumerateRunes()) characters.Add(rune.ToString());
        return characters;
    }

    static bool IsWordPart(Rune rune) =>
        Rune.IsLetterOrDigit(rune) ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length == 0) return;
        words.Add(current.ToString());
        current.Clear();
    }
}
