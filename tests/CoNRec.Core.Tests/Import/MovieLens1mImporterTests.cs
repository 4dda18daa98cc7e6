using System.Text;
using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class MovieLens1mImporterTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    void WriteMovies() => _folder.Write("movies.dat",
        "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Heat (1995)::Action|Crime|Thriller\r\n3::Amélie (2001)::(no genres listed)\n",
        Encoding.Latin1);

    [Fact]
    public void Ratings_and_movies_are_read_with_genre_categories()
    {
        WriteMovies();
        _folder.Write("ratings.dat", "1::1::5::978300760\r\n1::2::3::978302109\r\n2::3::1::978301968\r\n");

        var dataset = MovieLens1mImporter.Import(_folder.Root);

        Assert.Equal(2, dataset.UserCount);
        Assert.Equal(3, dataset.Items.Count);
        Assert.Equal(["Toy Story (1995)", "Heat (1995)", "Amélie (2001)"], dataset.Items.Titles);
        Assert.Equal(["Animation", "Action", "unknown"], dataset.Items.CategoryPaths);
        Assert.Equal(
            [
                ("1", "1", 978300760L, FeedbackKind.Positive, NegativeReason.None),
                ("1", "2", 978302109L, FeedbackKind.Exposure, NegativeReason.None),
                ("2", "3", 978301968L, FeedbackKind.Negative, NegativeReason.Unspecified),
            ],
            ImportAssert.Events(dataset));
    }

    [Theory]
    [InlineData("1::1::5::978300760\n1::2::3\n", 2)]
    [InlineData("1::1::5::978300760\n1::7::3::978300760\n", 2)]
    [InlineData("1::1::five::978300760\n", 1)]
    public void Bad_ratings_are_reported_with_file_and_line(string ratings, int line)
    {
        WriteMovies();
        _folder.Write("ratings.dat", ratings);

        ImportAssert.FailsAt(() => MovieLens1mImporter.Import(_folder.Root), "ratings.dat", line);
    }

    [Theory]
    [InlineData("1::A (1995)::Drama\n1::B (1995)::Drama\n", 2)]
    [InlineData("1::A (1995)\n", 1)]
    public void Bad_movies_are_reported_with_file_and_line(string movies, int line)
    {
        _folder.Write("movies.dat", movies, Encoding.Latin1);
        _folder.Write("ratings.dat", "1::1::5::978300760\n");

        ImportAssert.FailsAt(() => MovieLens1mImporter.Import(_folder.Root), "movies.dat", line);
    }
}
