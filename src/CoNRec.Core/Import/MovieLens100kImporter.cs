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

    public static Dataset Import(string folder, ImportOptions? options = null) => MovieLensMovies.Import(folder, options,
        (ids, featurizer) => ReadItems(Path.Combine(folder, ItemsFile), ids, featurizer),
        (ids, o) => MovieLensMovies.ReadDelimitedRatings(Path.Combine(folder, RatingsFile), "	", "ml-100k u.data: user, item, rating, timestamp", ItemsFile, ids, o));

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

}
