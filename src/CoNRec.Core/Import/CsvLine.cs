namespace CoNRec.Core.Import;

/// <summary>One field of a CSV record: its characters (without the enclosing quotes) and whether they hold doubled quotes.</summary>
public readonly record struct CsvField(Range Range, bool HasEscapedQuotes);

public enum CsvSplitResult
{
    Complete,
    /// <summary>A quoted field is still open at the end of the text: the record continues on the next line.</summary>
    UnclosedQuote,
    /// <summary>Something other than a separator follows a closing quote, e.g. <c>"a"b</c>.</summary>
    TextAfterQuote,
}

/// <summary>
/// Splits CSV records as RFC 4180 defines them: fields separated by commas; a field may be enclosed in double
/// quotes, and then may hold separators, line breaks and quotes written twice (<c>"say ""hi"", twice"</c>).
/// A quote inside an unquoted field is kept as an ordinary character. Splitting allocates nothing: fields are
/// ranges into the record, turned into strings only when asked (<see cref="Text"/>).
/// </summary>
public static class CsvLine
{
    public static CsvSplitResult Split(ReadOnlySpan<char> record, List<CsvField> fields, char separator = ',')
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < record.Length && record[i] == '"')
            {
                var contentStart = i + 1;
                var j = contentStart;
                var escaped = false;
                while (true)
                {
                    var quote = record[j..].IndexOf('"');
                    if (quote < 0) return CsvSplitResult.UnclosedQuote;
                    j += quote;
                    if (j + 1 < record.Length && record[j + 1] == '"')
                    {
                        escaped = true;
                        j += 2;
                        continue;
                    }
                    break;
                }
                fields.Add(new CsvField(contentStart..j, escaped));
                i = j + 1;
                if (i == record.Length) return CsvSplitResult.Complete;
                if (record[i] != separator) return CsvSplitResult.TextAfterQuote;
                i++;
            }
            else
            {
                var next = record[i..].IndexOf(separator);
                var end = next < 0 ? record.Length : i + next;
                fields.Add(new CsvField(i..end, false));
                if (next < 0) return CsvSplitResult.Complete;
                i = end + 1;
            }
        }
    }

    /// <summary>The field's text with doubled quotes made single.</summary>
    public static string Text(ReadOnlySpan<char> record, CsvField field)
    {
        var raw = record[field.Range];
        return field.HasEscapedQuotes ? raw.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : raw.ToString();
    }

    /// <summary>Splits one complete record into strings; for tests and small files.</summary>
    public static string[] SplitToStrings(string record, char separator = ',')
    {
        var fields = new List<CsvField>();
        var result = Split(record, fields, separator);
        if (result != CsvSplitResult.Complete) throw new FormatException($"not a complete CSV record ({result})");
        var texts = new string[fields.Count];
        for (var i = 0; i < texts.Length; i++) texts[i] = Text(record, fields[i]);
        return texts;
    }
}
