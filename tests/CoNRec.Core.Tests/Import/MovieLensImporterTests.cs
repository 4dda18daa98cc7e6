using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class MovieLensImporterTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("u.data", MovieLensLayout.Ml100k)]
    [InlineData("ratings.dat", MovieLensLayout.Ml1m)]
    [InlineData("ratings.csv", MovieLensLayout.Csv)]
    public void The_layout_is_detected_from_the_ratings_file(string ratingsFile, MovieLensLayout expected)
    {
        _folder.Write(ratingsFile, "");

        Assert.Equal(expected, MovieLensImporter.Detect(_folder.Root));
    }

    [Fact]
    public void A_folder_without_ratings_is_refused_with_the_expected_names()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n");

        var error = ImportAssert.FailsOnFile(() => MovieLensImporter.Detect(_folder.Root), _folder.Root);

        Assert.Contains("u.data", error.Message, StringComparison.Ordinal);
        Assert.Contains("ratings.dat", error.Message, StringComparison.Ordinal);
        Assert.Contains("ratings.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_refused() =>
        ImportAssert.FailsOnFile(() => MovieLensImporter.Detect(_folder.PathOf("absent")), "absent");

    [Fact]
    public void Import_dispatches_to_the_detected_reader()
    {
        _folder.Write("movies.dat", "5::Heat (1995)::Action|Crime\n");
        _folder.Write("ratings.dat", "3::5::4::978300760\n");

        var dataset = MovieLensImporter.Import(_folder.Root);

        Assert.Equal([("3", "5", 978300760L, FeedbackKind.Positive, NegativeReason.None)], ImportAssert.Events(dataset));
        Assert.Equal(["Action"], dataset.Items.CategoryPaths);
    }
}
