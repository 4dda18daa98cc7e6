using CoNRec.Core.Data;
using CoNRec.Core.Features;

namespace CoNRec.Core.Import;

/// <summary>
/// MovieLens ml-20m and later (ml-25m, ml-32m, ml-latest): <c>ratings.csv</c> (header userId,movieId,rating,timestamp;
/// half-star ratings such as 3.5; Unix seconds) and <c>movies.csv</c> (header movieId,title,genres; UTF-8; titles
/// quoted when they hold commas). Columns are found by header name. Category paths follow
/// <see cref="MovieLensMovies"/>; "(no genres listed)" counts as no genre.
/// </summary>
public static class MovieLensCsvImporter
{
    public const string RatingsFile = "ratings.csv";
    public const string ItemsFile = "movies.csv";

    public static Dataset Import(string folder, ImportOptions? options = null) => MovieLensMovies.Import(folder, options,
        (ids, featurizer) => ReadItems(Path.Combine(folder, ItemsFile), ids, featurizer),
        (ids, o) => ReadRatings(Path.Combine(folder, RatingsFile), ids, o));

    static void ReadItems(string path, NumericIds ids, TextFeaturizer featurizer)
    {
        using var csv = CsvReader.Open(path);
        var idColumn = csv.RequireColumn("movieId");
        var titleColumn = csv.RequireColumn("title");
        var genresColumn = csv.RequireColumn("genres");
        while (csv.Read())
        {
            var id = FieldParser.Integer(csv.Field(idColumn), "movieId", csv);
            MovieLensMovies.Add(ids, featurizer, id, csv.Text(titleColumn).Trim(), MovieLensMovies.SplitGenres(csv.Text(genresColumn)), csv);
        }
        csv.RequireRows();
    }

    static void ReadRatings(string path, NumericIds ids, ImportOptions options)
    {
        using var csv = CsvReader.Open(path);
        var userColumn = csv.RequireColumn("userId");
        var movieColumn = csv.RequireColumn("movieId");
        var ratingColumn = csv.RequireColumn("rating");
        var timeColumn = csv.RequireColumn("timestamp");
        while (csv.Read())
        {
            var user = FieldParser.Integer(csv.Field(userColumn), "userId", csv);
            var movie = FieldParser.Integer(csv.Field(movieColumn), "movieId", csv);
            var rating = FieldParser.Number(csv.Field(ratingColumn), "rating", csv);
            var time = FieldParser.Seconds(csv.Field(timeColumn), "timestamp", csv);
            MovieLensMovies.AddRating(ids, options, user, movie, rating, time, ItemsFile, csv);
        }
        csv.RequireRows();
    }
}
