using System.Text;
using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class MovieLens100kImporterTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A u.item line with the given genres flagged (indices into <see cref="MovieLens100kImporter.Genres"/>).</summary>
    static string Item(int id, string title, params int[] genres)
    {
        var flags = new string[19];
        for (var g = 0; g < flags.Length; g++) flags[g] = genres.Contains(g) ? "1" : "0";
        return $"{id}|{title}|01-Jan-1995||http://example.org/{id}|{string.Join('|', flags)}\n";
    }

    void WriteItems(string content) => _folder.Write("u.item", content, Encoding.Latin1);

    void WriteStandardItems() =>
        WriteItems(Item(1, "Toy Story (1995)", 3, 4, 5) + Item(2, "Lumière (1996)", 8) + Item(3, "Nothing (1990)"));

    [Fact]
    public void Ratings_become_negative_exposure_and_positive_by_threshold()
    {
        WriteStandardItems();
        _folder.Write("u.data", "10\t1\t1\t880000000\n10\t2\t3\t880000100\n11\t1\t5\t880000200\n11\t3\t2\t880000300\n");

        var dataset = MovieLens100kImporter.Import(_folder.Root);

        Assert.Equal(2, dataset.UserCount);
        Assert.Equal(3, dataset.Items.Count);
        Assert.Equal(
            [
                ("10", "1", 880000000L, FeedbackKind.Negative, NegativeReason.Unspecified),
                ("10", "2", 880000100L, FeedbackKind.Exposure, NegativeReason.None),
                ("11", "1", 880000200L, FeedbackKind.Positive, NegativeReason.None),
                ("11", "3", 880000300L, FeedbackKind.Negative, NegativeReason.Unspecified),
            ],
            ImportAssert.Events(dataset));
    }

    [Fact]
    public void Items_get_latin1_titles_first_genre_categories_and_features()
    {
        WriteStandardItems();
        _folder.Write("u.data", "10\t1\t4\t880000000\n");

        var dataset = MovieLens100kImporter.Import(_folder.Root, new ImportOptions { FeatureDimension = 16, Name = "small" });

        Assert.Equal("small", dataset.Name);
        Assert.Equal(["Toy Story (1995)", "Lumière (1996)", "Nothing (1990)"], dataset.Items.Titles);
        Assert.Equal(["Animation", "Drama", "unknown"], dataset.Items.CategoryPaths);
        Assert.Equal(16, dataset.Items.FeatureDim);
        Assert.Contains(dataset.Items.FeaturesOf(0).ToArray(), x => x != 0);
    }

    [Fact]
    public void The_dataset_is_named_after_the_folder_by_default()
    {
        WriteStandardItems();
        _folder.Write("u.data", "10\t1\t4\t880000000\n");

        var dataset = MovieLens100kImporter.Import(_folder.Root + Path.DirectorySeparatorChar);

        Assert.Equal(Path.GetFileName(_folder.Root), dataset.Name);
    }

    [Fact]
    public void A_missing_item_file_is_named() =>
        ImportAssert.FailsOnFile(() => MovieLens100kImporter.Import(_folder.Root), "u.item");

    [Theory]
    [InlineData("", 1)]
    [InlineData("10\t1\t4\t880000000\n10\t1\t4\n", 2)]
    [InlineData("10\t1\t4\t880000000\nten\t1\t4\t880000000\n", 2)]
    [InlineData("10\t1\t4\t880000000\n10\tone\t4\t880000000\n", 2)]
    [InlineData("10\t1\t4\t880000000\n\n10\t1\tgood\t880000000\n", 3)]
    [InlineData("10\t1\t4\tyesterday\n", 1)]
    [InlineData("10\t1\t4\t880000000\n10\t1\t4\t-5\n", 2)]
    [InlineData("10\t1\t4\t880000000\n10\t99\t4\t880000000\n", 2)]
    public void Bad_ratings_are_reported_with_file_and_line(string ratings, int line)
    {
        WriteStandardItems();
        _folder.Write("u.data", ratings);

        ImportAssert.FailsAt(() => MovieLens100kImporter.Import(_folder.Root), "u.data", line);
    }

    [Fact]
    public void A_rating_of_an_unlisted_movie_names_the_item_file()
    {
        WriteStandardItems();
        _folder.Write("u.data", "10\t99\t4\t880000000\n");

        var error = ImportAssert.FailsAt(() => MovieLens100kImporter.Import(_folder.Root), "u.data", 1);

        Assert.Contains("movie 99 is not listed in u.item", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("1|A (1995)|x\n", 1)]
    [InlineData("x|A (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n", 1)]
    [InlineData("1|A (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n1|B (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n", 2)]
    [InlineData("1|A (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|yes\n", 1)]
    public void Bad_items_are_reported_with_file_and_line(string items, int line)
    {
        WriteItems(items);
        _folder.Write("u.data", "10\t1\t4\t880000000\n");

        ImportAssert.FailsAt(() => MovieLens100kImporter.Import(_folder.Root), "u.item", line);
    }
}
