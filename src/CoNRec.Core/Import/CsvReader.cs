using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>
/// Streams a CSV file with a header row: finds columns by name (case-insensitive, any order, extra columns
/// allowed), joins records whose quoted fields span lines, skips blank lines and checks that every record has
/// as many fields as the header. Errors name the file and the line where the record starts.
/// </summary>
internal sealed class CsvReader : ISourcePosition, IDisposable
{
    readonly LineReader _lines;
    readonly List<CsvField> _fields = [];
    readonly string[] _header;
    char[] _joined = [];
    ReadOnlyMemory<char> _record;

    CsvReader(LineReader lines)
    {
        _lines = lines;
        var first = lines.ReadFirst();
        RecordLine = 1;
        Assemble(first);
        _header = new string[_fields.Count];
        for (var i = 0; i < _header.Length; i++) _header[i] = CsvLine.Text(_record.Span, _fields[i]).Trim();
    }

    public string Path => _lines.Path;
    public IReadOnlyList<string> Header => _header;

    /// <summary>The 1-based line where the current record starts.</summary>
    public int RecordLine { get; private set; }

    public int RowsRead { get; private set; }

    public static CsvReader Open(string path)
    {
        var lines = LineReader.Open(path);
        try
        {
            return new CsvReader(lines);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    /// <summary>The index of the named column, or -1.</summary>
    public int Column(string name) => Array.FindIndex(_header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    public int RequireColumn(string name)
    {
        var column = Column(name);
        return column >= 0 ? column : throw new DataFileException(Path, 1, $"the header has no column '{name}' (found: {string.Join(",", _header)})");
    }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        while (_lines.TryRead(out var line))
        {
            RecordLine = _lines.LineNumber;
            if (line.Span.IsWhiteSpace()) continue;
            Assemble(line);
            if (_fields.Count != _header.Length) throw Error($"expected {_header.Length} fields as in the header, found {_fields.Count}");
            RowsRead++;
            return true;
        }
        return false;
    }

    /// <summary>Refuses a file that has a header and nothing else.</summary>
    public void RequireRows()
    {
        if (RowsRead == 0) throw new DataFileException(Path, 2, "the file has a header but no rows");
    }

    /// <summary>
    /// The field's value, trimmed, without enclosing quotes and with doubled quotes made single; allocates only
    /// in that last, rare case. For numbers, ids and names.
    /// </summary>
    public ReadOnlySpan<char> Field(int column)
    {
        var field = _fields[column];
        return field.HasEscapedQuotes ? CsvLine.Text(_record.Span, field).AsSpan().Trim() : _record.Span[field.Range].Trim();
    }

    public string Text(int column) => CsvLine.Text(_record.Span, _fields[column]);

    public DataFileException Error(string problem) => new(Path, RecordLine, problem);

    public void Dispose() => _lines.Dispose();

    void Assemble(ReadOnlyMemory<char> line)
    {
        var result = CsvLine.Split(line.Span, _fields);
        if (result == CsvSplitResult.UnclosedQuote) result = JoinFollowingLines(line, out line);
        if (result == CsvSplitResult.TextAfterQuote) throw Error("text after a closing quote (a quote inside a quoted field must be doubled)");
        _record = line;
    }

    /// <summary>A quoted field holds a line break: appends lines ("\n"-joined) until the record is complete.</summary>
    CsvSplitResult JoinFollowingLines(ReadOnlyMemory<char> first, out ReadOnlyMemory<char> record)
    {
        var length = 0;
        Append(first.Span, ref length);
        while (true)
        {
            if (!_lines.TryRead(out var next)) throw Error("a quoted field is not closed before the end of the file");
            Append("\n", ref length);
            Append(next.Span, ref length);
            var result = CsvLine.Split(_joined.AsSpan(0, length), _fields);
            if (result == CsvSplitResult.UnclosedQuote) continue;
            record = _joined.AsMemory(0, length);
            return result;
        }
    }

    void Append(ReadOnlySpan<char> text, ref int length)
    {
        if (length + text.Length > _joined.Length) Array.Resize(ref _joined, Math.Max(256, 2 * (length + text.Length)));
        text.CopyTo(_joined.AsSpan(length));
        length += text.Length;
    }
}
