using System.Text;
using CoNRec.Core.Data;
using CoNRec.Core.Features;

namespace CoNRec.Core.Import;

/// <summary>
/// MovieLens ml-1m (and ml-10m, which shares the layout): <c>ratings.dat</c> (UserID::MovieID::Rating::Timestamp,
/// Unix seconds) and <c>movies.dat</c> (latin-1, MovieID::Title::Genres with '|' between genres).
/// Category paths follow <see cref="MovieLensMovies"/>: the first genre, the rest as tags.
/// </summary>
public static class MovieLens1mImporter
{
    public const string RatingsFile = "ratings.dat";
    public const string ItemsFile = "movies.dat";

    public static Dataset Import(string folder, ImportOptions? options = null) => MovieLensMovies.Import(folder, options,
        (ids, featurizer) => ReadItems(Path.Combine(folder, ItemsFile), ids, featurizer),
        (ids, o) => MovieLensMovies.ReadDelimitedRatings(Path.Combine(folder, RatingsFile), "::", "ml-1m ratings.dat: UserID::MovieID::Rating::Timestamp", ItemsFile, ids, o));

    static void ReadItems(string path, NumericIds ids, TextFeaturizer featurizer)
    {
        using var reader = LineReader.Open(path, Encoding.Latin1);
        Span<Range> fields = stackalloc Range[3];
        var line = reader.ReadFirst();
        do
        {
            var text = line.Span;
            if (text.IsWhiteSpace()) continue;
            Delimited.SplitExactly(text, "::", fields, reader, "ml-1m movies.dat: MovieID::Title::Genres");
            var id = FieldParser.Integer(text[fields[0]], "movie id", reader);
            MovieLensMovies.Add(ids, featurizer, id, text[fields[1]].Trim().ToString(), MovieLensMovies.SplitGenres(text[fields[2]]), reader);
        }
        while (reader.TryRead(out line));
        if (ids.Builder.ItemCount == 0) throw MovieLensMovies.NoRows(reader);
    }

}
