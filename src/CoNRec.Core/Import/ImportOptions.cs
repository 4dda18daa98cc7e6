using CoNRec.Core.Data;
using CoNRec.Core.Features;

namespace CoNRec.Core.Import;

/// <summary>
/// Settings shared by the importers. Ratings at or below <see cref="NegativeAtMost"/> become negatives, at or
/// above <see cref="PositiveAtLeast"/> positives, and those in between exposures: the user consumed the item
/// and was neutral about it, which is not a dislike (method.md, finding 1).
/// </summary>
public sealed record ImportOptions
{
    /// <summary>The dataset's name; null means the importer's default (usually the folder's name).</summary>
    public string? Name { get; init; }

    /// <summary>Size of the <see cref="TextFeaturizer"/> vectors given to every item.</summary>
    public int FeatureDimension { get; init; } = 64;

    public double NegativeAtMost { get; init; } = 2;
    public double PositiveAtLeast { get; init; } = 4;

    public void Validate()
    {
        if (FeatureDimension < 1) throw new ArgumentException($"import.feature-dimension must be >= 1 (got {FeatureDimension})");
        if (!double.IsFinite(NegativeAtMost)) throw new ArgumentException($"import.negative-at-most must be finite (got {NegativeAtMost})");
        if (!double.IsFinite(PositiveAtLeast)) throw new ArgumentException($"import.positive-at-least must be finite (got {PositiveAtLeast})");
        if (NegativeAtMost >= PositiveAtLeast)
            throw new ArgumentException($"import.negative-at-most ({NegativeAtMost}) must be below import.positive-at-least ({PositiveAtLeast})");
    }

    public FeedbackKind KindOfRating(double rating) =>
        rating <= NegativeAtMost ? FeedbackKind.Negative
        : rating >= PositiveAtLeast ? FeedbackKind.Positive
        : FeedbackKind.Exposure;

    internal TextFeaturizer Featurizer() => new(new TextFeaturizerOptions { Dimension = FeatureDimension });

    internal string NameOr(string fallback) => string.IsNullOrWhiteSpace(Name) ? fallback : Name;

    /// <summary>The last segment of a folder path, ignoring a trailing separator: "data/ml-1m/" gives "ml-1m".</summary>
    internal static string FolderName(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
}
