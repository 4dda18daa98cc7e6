using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class CsvLineTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("", new[] { "" })]
    [InlineData("a,,", new[] { "a", "", "" })]
    [InlineData("\"x, y\",z", new[] { "x, y", "z" })]
    [InlineData("\"say \"\"hi\"\"\",2", new[] { "say \"hi\"", "2" })]
    [InlineData("\"\",\"\"\"\"", new[] { "", "\"" })]
    [InlineData("1,\"two\nlines\",3", new[] { "1", "two\nlines", "3" })]
    [InlineData("ab\"c,d", new[] { "ab\"c", "d" })]
    public void Records_split_into_unescaped_fields(string record, string[] expected) =>
        Assert.Equal(expected, CsvLine.SplitToStrings(record));

    [Fact]
    public void An_open_quote_means_the_record_continues()
    {
        var fields = new List<CsvField>();

        Assert.Equal(CsvSplitResult.UnclosedQuote, CsvLine.Split("1,\"not closed", fields));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_malformed()
    {
        var fields = new List<CsvField>();

        Assert.Equal(CsvSplitResult.TextAfterQuote, CsvLine.Split("\"a\"b,c", fields));
    }

    [Fact]
    public void Another_separator_can_be_chosen() =>
        Assert.Equal(["a", "b;c"], CsvLine.SplitToStrings("a;\"b;c\"", ';'));
}
