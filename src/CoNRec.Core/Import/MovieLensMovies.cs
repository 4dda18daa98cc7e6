using CoNRec.Core.Data;
using CoNRec.Core.Features;

namespace CoNRec.Core.Import;

/// <summary>
/// What the three MovieLens layouts share. A film's category path is its FIRST listed genre alone (e.g.
/// "Crime" for "Crime|Drama|Thriller"): MovieLens genres are a flat set, not a hierarchy, so joining them with
/// '/' would invent parent-child links. The other genres go to the featuriser as tags, so films that share any
/// genre still move closer. A film with no genre gets the category "unknown".
/// </summary>
internal static class MovieLensMovies
{
    public const string UnknownGenre = "unknown";
    const string NoGenres = "(no genres listed)";

    public static void Add(NumericIds ids, TextFeaturizer featurizer, long id, string title, List<string> genres, ISourcePosition at)
    {
        var category = genres.Count > 0 ? genres[0] : UnknownGenre;
        var tags = genres.Count > 1 ? genres.GetRange(1, genres.Count - 1) : null;
        ids.AddItem(id, title, category, featurizer.Featurize(title, category, tags), at);
    }

    /// <summary>Genres as ml-1m and the CSV layouts write them: "Animation|Children's|Comedy".</summary>
    public static List<string> SplitGenres(ReadOnlySpan<char> text)
    {
        var genres = new List<string>();
        foreach (var range in text.Split('|'))
        {
            var genre = text[range].Trim();
            if (genre.IsEmpty || genre.Equals(NoGenres, StringComparison.OrdinalIgnoreCase)) continue;
            genres.Add(genre.ToString());
        }
        return genres;
    }

    public static void AddRating(NumericIds ids, ImportOptions options, long user, long movie, double rating, long time, string itemFile, ISourcePosition at)
    {
        if (!ids.TryGetItem(movie, out var item)) throw at.Error($"movie {movie} is not listed in {itemFile}");
        var kind = options.KindOfRating(rating);
        ids.Builder.AddEvent(ids.User(user), item, time, kind, kind == FeedbackKind.Negative ? NegativeReason.Unspecified : NegativeReason.None);
    }

    /// <summary>The import every layout shares: items first (ratings must name a listed film), then ratings.</summary>
    public static Dataset Import(string folder, ImportOptions? options, Action<NumericIds, TextFeaturizer> readItems, Action<NumericIds, ImportOptions> readRatings)
    {
        options ??= new ImportOptions();
        options.Validate();
        var builder = new DatasetBuilder(options.NameOr(ImportOptions.FolderName(folder)), options.FeatureDimension);
        var ids = new NumericIds(builder);
        readItems(ids, options.Featurizer());
        readRatings(ids, options);
        return builder.Build();
    }

    /// <summary>Ratings of the .dat/.data layouts: user, movie, rating, Unix seconds, separated by <paramref name="separator"/>.</summary>
    public static void ReadDelimitedRatings(string path, string separator, string layout, string itemFile, NumericIds ids, ImportOptions options)
    {
        using var reader = LineReader.Open(path);
        Span<Range> fields = stackalloc Range[4];
        var line = reader.ReadFirst();
        do
        {
            var text = line.Span;
            if (text.IsWhiteSpace()) continue;
            Delimited.SplitExactly(text, separator, fields, reader, layout);
            var user = FieldParser.Integer(text[fields[0]], "user id", reader);
            var movie = FieldParser.Integer(text[fields[1]], "movie id", reader);
            var rating = FieldParser.Number(text[fields[2]], "rating", reader);
            var time = FieldParser.Seconds(text[fields[3]], "timestamp", reader);
            AddRating(ids, options, user, movie, rating, time, itemFile, reader);
        }
        while (reader.TryRead(out line));
        if (ids.Builder.EventCount == 0) throw NoRows(reader);
    }

    public static DataFileException NoRows(LineReader reader) => new(reader.Path, Math.Max(reader.LineNumber, 1), "the file has no rows");
}
