namespace CoNRec.Core.Import;

/// <summary>Splits lines of the simple MovieLens formats (tab, "::", '|'), which never quote fields.</summary>
internal static class Delimited
{
    /// <summary>
    /// Fills <paramref name="fields"/> with the ranges of the fields of <paramref name="line"/> and returns how
    /// many fields the line has (which may exceed the span's length: the caller compares it to what it expects).
    /// </summary>
    public static int Split(ReadOnlySpan<char> line, ReadOnlySpan<char> separator, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var next = line[start..].IndexOf(separator);
            var end = next < 0 ? line.Length : start + next;
            if (count < fields.Length) fields[count] = start..end;
            count++;
            if (next < 0) return count;
            start = end + separator.Length;
        }
    }

    /// <summary>Splits and checks the count, naming the format in the error.</summary>
    public static void SplitExactly(ReadOnlySpan<char> line, ReadOnlySpan<char> separator, Span<Range> fields, ISourcePosition at, string layout)
    {
        var count = Split(line, separator, fields);
        if (count != fields.Length) throw at.Error($"expected {fields.Length} fields ({layout}), found {count}");
    }
}
