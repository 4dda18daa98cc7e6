using CoNRec.Cluster.Configuration;

namespace CoNRec.Cluster.Tests.Configuration;

public sealed class YamlScalarsTests
{
    [Theory]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("True", "true")]
    [InlineData("+5", "5")]
    [InlineData("007", "7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("1.0e-5", "1.0e-5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("-2.5E+3", "-2.5E+3")]
    public void Plain_scalars_are_typed_by_the_yaml_core_schema(string plain, string json) =>
        Assert.Equal(json, YamlScalars.JsonLiteral(plain));

    [Theory]
    [InlineData("cpu")]
    [InlineData("yes")]
    [InlineData(".inf")]
    [InlineData("FHR@20")]
    [InlineData("1.2.3")]
    public void Other_plain_scalars_are_text(string plain) => Assert.Null(YamlScalars.JsonLiteral(plain));

    [Theory]
    [InlineData("2024", true)]
    [InlineData("off", true)]
    [InlineData(" padded", true)]
    [InlineData("", true)]
    [InlineData("recent-negatives", false)]
    public void Text_that_would_read_as_another_type_needs_quotes(string text, bool quoted) =>
        Assert.Equal(quoted, YamlScalars.NeedsQuotes(text));
}
