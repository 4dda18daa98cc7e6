using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class MovieLensCsvImporterTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    void WriteMovies() => _folder.Write("movies.csv",
        "movieId,title,genres\n" +
        "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n" +
        "11,\"American President, The (1995)\",Comedy|Drama|Romance\n" +
        "12,\"Say \"\"Cheese\"\" (2001)\",(no genres listed)\n");

    [Fact]
    public void Quoted_titles_and_half_star_ratings_are_read()
    {
        WriteMovies();
        _folder.Write("ratings.csv",
            "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,11,3.5,964981247\n2,12,0.5,1445714835\n2,1,2.5,1445714836\n");

        var dataset = MovieLensCsvImporter.Import(_folder.Root);

        Assert.Equal(2, dataset.UserCount);
        Assert.Equal(["Toy Story (1995)", "American President, The (1995)", "Say \"Cheese\" (2001)"], dataset.Items.Titles);
        Assert.Equal(["Adventure", "Comedy", "unknown"], dataset.Items.CategoryPaths);
        Assert.Equal(
            [
                ("1", "11", 964981247L, FeedbackKind.Exposure, NegativeReason.None),
                ("1", "1", 964982703L, FeedbackKind.Positive, NegativeReason.None),
                ("2", "12", 1445714835L, FeedbackKind.Negative, NegativeReason.Unspecified),
                ("2", "1", 1445714836L, FeedbackKind.Exposure, NegativeReason.None),
            ],
            ImportAssert.Events(dataset));
    }

    [Fact]
    public void Columns_are_found_by_header_name()
    {
        WriteMovies();
        _folder.Write("ratings.csv", "timestamp,rating,movieId,userId\n964982703,5,1,7\n");

        var dataset = MovieLensCsvImporter.Import(_folder.Root);

        Assert.Equal([("7", "1", 964982703L, FeedbackKind.Positive, NegativeReason.None)], ImportAssert.Events(dataset));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("userId,movieId,rating\n1,1,4\n", 1)]
    [InlineData("userId,movieId,rating,timestamp\n", 2)]
    [InlineData("userId,movieId,rating,timestamp\n1,1,4,964982703\n1,1,4\n", 3)]
    [InlineData("userId,movieId,rating,timestamp\n1,1,4,964982703\n1,1,4,1,1\n", 3)]
    [InlineData("userId,movieId,rating,timestamp\nu1,1,4,964982703\n", 2)]
    [InlineData("userId,movieId,rating,timestamp\n1,1,NaN,964982703\n", 2)]
    [InlineData("userId,movieId,rating,timestamp\n1,1,4,-964982703\n", 2)]
    [InlineData("userId,movieId,rating,timestamp\n1,1,4,964982703\n1,2,4,964982703\n", 3)]
    public void Bad_ratings_are_reported_with_file_and_line(string ratings, int line)
    {
        WriteMovies();
        _folder.Write("ratings.csv", ratings);

        ImportAssert.FailsAt(() => MovieLensCsvImporter.Import(_folder.Root), "ratings.csv", line);
    }

    [Theory]
    [InlineData("movieId,title,genres\n1,A,Drama\n1,B,Drama\n", 3)]
    [InlineData("movieId,title,genres\n1,\"A, unclosed,Drama\n", 2)]
    [InlineData("movieId,title,genres\n1,\"A\"x,Drama\n", 2)]
    public void Bad_movies_are_reported_with_file_and_line(string movies, int line)
    {
        _folder.Write("movies.csv", movies);
        _folder.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4,964982703\n");

        ImportAssert.FailsAt(() => MovieLensCsvImporter.Import(_folder.Root), "movies.csv", line);
    }
}
