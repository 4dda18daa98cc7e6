using System.Text;
using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>
/// Streams a text file line by line as spans over one reusable buffer (no string per line). Lines end at
/// '\n', and a '\r' before it is dropped; a lone '\r' stays in the line, as RFC 4180 allows it inside a quoted
/// field. A line's memory is valid until the next <see cref="TryRead"/>.
/// </summary>
internal sealed class LineReader : ISourcePosition, IDisposable
{
    readonly StreamReader _reader;
    char[] _buffer = new char[1 << 16];
    int _start;
    int _end;
    bool _endOfFile;

    LineReader(string path, StreamReader reader)
    {
        Path = path;
        _reader = reader;
    }

    public string Path { get; }

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens a file; UTF-8 (a byte-order mark is honoured) unless another encoding is given.</summary>
    public static LineReader Open(string path, Encoding? encoding = null)
    {
        if (!File.Exists(path)) throw new DataFileException(path, null, "file not found");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var reader = encoding is null
            ? new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16)
            : new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16);
        return new LineReader(path, reader);
    }

    public bool TryRead(out ReadOnlyMemory<char> line)
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf('\n');
            if (newline >= 0)
            {
                line = Take(searchFrom + newline, 1);
                return true;
            }
            if (_endOfFile)
            {
                if (_start < _end)
                {
                    line = Take(_end, 0);
                    return true;
                }
                line = default;
                return false;
            }
            searchFrom = Fill();
        }
    }

    /// <summary>Reads the first line, refusing an empty file.</summary>
    public ReadOnlyMemory<char> ReadFirst()
    {
        if (!TryRead(out var line)) throw new DataFileException(Path, 1, "the file is empty");
        return line;
    }

    public DataFileException Error(string problem) => new(Path, Math.Max(LineNumber, 1), problem);

    public void Dispose() => _reader.Dispose();

    ReadOnlyMemory<char> Take(int lineEnd, int terminatorLength)
    {
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == '\r') length--;
        var line = _buffer.AsMemory(_start, length);
        _start = lineEnd + terminatorLength;
        LineNumber++;
        return line;
    }

    /// <summary>Moves the unfinished line to the front, grows the buffer if one line fills it, reads more; returns where to resume searching.</summary>
    int Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _endOfFile = true;
        _end += read;
        return pending;
    }
}
