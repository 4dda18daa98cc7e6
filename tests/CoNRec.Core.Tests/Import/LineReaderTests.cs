using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class LineReaderTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    static List<string> ReadAll(string path)
    {
        using var reader = LineReader.Open(path);
        var lines = new List<string>();
        while (reader.TryRead(out var line)) lines.Add(line.ToString());
        return lines;
    }

    [Fact]
    public void Crlf_and_lf_endings_and_a_last_line_without_newline_are_read()
    {
        var path = _folder.Write("a.txt", "one\r\ntwo\n\nthree\rstill three\nfour");

        Assert.Equal(["one", "two", "", "three\rstill three", "four"], ReadAll(path));
    }

    [Fact]
    public void Lines_longer_than_the_buffer_and_many_lines_survive_refills()
    {
        var longLine = new string('x', 200_000);
        var many = string.Join('\n', Enumerable.Range(0, 50_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var path = _folder.Write("b.txt", "first\n" + longLine + "\n" + many + "\n");

        var lines = ReadAll(path);

        Assert.Equal(2 + 50_000, lines.Count);
        Assert.Equal(longLine, lines[1]);
        Assert.Equal("49999", lines[^1]);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_line()
    {
        var path = _folder.Write("c.txt", "id,title\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(["id,title"], ReadAll(path));
    }

    [Fact]
    public void Errors_carry_the_current_line_number()
    {
        var path = _folder.Write("d.txt", "a\nb\n");
        using var reader = LineReader.Open(path);
        reader.TryRead(out _);
        reader.TryRead(out _);

        var error = reader.Error("bad");

        Assert.Equal($"{path}:2: bad", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named() =>
        Assert.Contains("absent.txt", Assert.Throws<DataFileException>(() => LineReader.Open(_folder.PathOf("absent.txt"))).Message, StringComparison.Ordinal);
}
