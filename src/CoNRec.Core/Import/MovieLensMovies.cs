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

    public static DataFileException NoRows(LineReader reader) => new(reader.Path, Math.Max(reader.LineNumber, 1), "the file has no rows");
}
