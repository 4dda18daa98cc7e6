using CoNRec.Core.Data;
using CoNRec.Core.Features;
using CoNRec.Core.Tests.Import;

namespace CoNRec.Core.Tests.Features;

public sealed class EmbeddingFileTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    static Dataset ThreeItems()
    {
        var builder = new DatasetBuilder("t", 2);
        builder.AddItem("a", "A", "x", [0f, 0f]);
        builder.AddItem("b", "B", "x", [0f, 0f]);
        builder.AddItem("c", "C", "x", [0f, 0f]);
        builder.AddEvent(builder.User("u"), 1, 10, FeedbackKind.Click);
        return builder.Build();
    }

    [Fact]
    public void Vectors_replace_the_features_in_catalogue_order()
    {
        var path = _folder.Write("e.txt", "c\t7 8 9\n\nb\t-1.5e-1  4 5\r\na\t0.25 0 1\n");

        var dataset = EmbeddingFile.Apply(ThreeItems(), path);

        Assert.Equal(3, dataset.Items.FeatureDim);
        Assert.Equal([0.25f, 0f, 1f, -0.15f, 4f, 5f, 7f, 8f, 9f], dataset.Items.Features.ToArray());
        Assert.Equal(1, dataset.Events.Count);
    }

    [Fact]
    public void Written_vectors_read_back_exactly()
    {
        var original = EmbeddingFile.Apply(ThreeItems(), _folder.Write("e.txt", "a\t0.1 1e-30\nb\t3.4028235E+38 -0\nc\t1 2\n"));
        var path = _folder.PathOf("copy.txt");

        EmbeddingFile.Write(original.Items, path);
        var copy = EmbeddingFile.Apply(ThreeItems(), path);

        Assert.Equal(original.Items.Features.ToArray(), copy.Items.Features.ToArray());
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("a\t1 2\nb\t1 2 3\nc\t1 2\n", 2)]
    [InlineData("a\t1 NaN\n", 1)]
    [InlineData("a\t1 2\nb\tInfinity 2\n", 2)]
    [InlineData("a\t1 2\nb\t1 -1e60\n", 2)]
    [InlineData("a\t1 2\nb\t1 two\n", 2)]
    [InlineData("a\t1 2\nzz\t1 2\n", 2)]
    [InlineData("a\t1 2\na\t1 2\n", 2)]
    [InlineData("a 1 2\n", 1)]
    [InlineData("a\t\n", 1)]
    [InlineData("\n\n", 1)]
    public void Bad_lines_are_reported_with_file_and_line(string content, int line)
    {
        var path = _folder.Write("vectors.txt", content);

        ImportAssert.FailsAt(() => EmbeddingFile.Apply(ThreeItems(), path), "vectors.txt", line);
    }

    [Fact]
    public void Items_without_a_vector_are_listed()
    {
        var path = _folder.Write("vectors.txt", "b\t1 2\n");

        var error = ImportAssert.FailsOnFile(() => EmbeddingFile.Apply(ThreeItems(), path), "vectors.txt");

        Assert.Contains("2 item(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("a, c", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named() =>
        ImportAssert.FailsOnFile(() => EmbeddingFile.Apply(ThreeItems(), _folder.PathOf("absent.txt")), "absent.txt");
}
