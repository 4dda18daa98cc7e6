using System.Text;
using CoNRec.Core.Data;
using CoNRec.Core.Features;

namespace CoNRec.Core.Import;

/// <summary>
/// MovieLens ml-100k: <c>u.data</c> (tab-separated: user, item, rating 1-5, Unix seconds) and <c>u.item</c>
/// (latin-1, '|'-separated: id, title, release date, video release date, IMDb url, then 19 genre flags).
/// Category paths follow <see cref="MovieLensMovies"/>: the first flagged genre, the rest as tags.
/// </summary>
public static class MovieLens100kImporter
{
    public const string RatingsFile = "u.data";
    public const string ItemsFile = "u.item";

    /// <summary>The genre flags of u.item, in file order.</summary>
    public static IReadOnlyList<string> Genres { get; } =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    public static Dataset Import(string folder, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        options.Validate();
        var builder = new DatasetBuilder(options.NameOr(ImportOptions.FolderName(folder)), options.FeatureDimension);
        var ids = new NumericIds(builder);
        ReadItems(Path.Combine(folder, ItemsFile), ids, options.Featurizer());
        ReadRatings(Path.Combine(folder, RatingsFile), ids, options);
        return builder.Build();
    }

    static void ReadItems(string path, NumericIds ids, TextFeaturizer featurizer)
    {
        using var reader = LineReader.Open(path, Encoding.Latin1);
        Span<Range> fields = stackalloc Range[5 + Genres.Count];
        var genres = new List<string>();
        var line = reader.ReadFirst();
        do
        {
            var text = line.Span;
            if (text.IsWhiteSpace()) continue;
            Delimited.SplitExactly(text, "|", fields, reader, "ml-100k u.item");
            var id = FieldParser.Integer(text[fields[0]], "movie id", reader);
            genres.Clear();
            for (var g = 0; g < Genres.Count; g++)
                if (FieldParser.Flag(text[fields[5 + g]], $"genre flag '{Genres[g]}'", reader)) genres.Add(Genres[g]);
            MovieLensMovies.Add(ids, featurizer, id, text[fields[1]].Trim().ToString(), genres, reader);
        }
        while (reader.TryRead(out line));
        if (ids.Builder.ItemCount == 0) throw MovieLensMovies.NoRows(reader);
    }

    static void ReadRatings(string path, NumericIds ids, ImportOptions options)
    {
        using var reader = LineReader.Open(path);
        Span<Range> fields = stackalloc Range[4];
        var line = reader.ReadFirst();
        do
        {
            var text = line.Span;
            if (text.IsWhiteSpace()) continue;
            Delimited.SplitExactly(text, "\t", fields, reader, "ml-100k u.data: user, item, rating, timestamp");
            var user = FieldParser.Integer(text[fields[0]], "user id", reader);
            var movie = FieldParser.Integer(text[fields[1]], "movie id", reader);
            var rating = FieldParser.Number(text[fields[2]], "rating", reader);
            var time = FieldParser.Seconds(text[fields[3]], "timestamp", reader);
            MovieLensMovies.AddRating(ids, options, user, movie, rating, time, ItemsFile, reader);
        }
        while (reader.TryRead(out line));
        if (ids.Builder.EventCount == 0) throw MovieLensMovies.NoRows(reader);
    }
}
