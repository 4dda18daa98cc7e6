using System.Globalization;

namespace CoNRec.Model.Vocab;

/// <summary>Settings of the title BPE trained on the catalogue (<see cref="BpeTitleTokenizer.Train"/>).</summary>
public sealed record BpeTrainingOptions
{
    /// <summary>
    /// Target number of title tokens: the character alphabet (each character word-inner and word-final) plus merges.
    /// An alphabet larger than this is kept whole, with no merges.
    /// </summary>
    public int VocabularySize { get; init; } = 2000;

    /// <summary>A pair of symbols is merged only if it occurs at least this often (weighted by word frequency).</summary>
    public int MinPairCount { get; init; } = 2;

    public void Validate()
    {
        if (VocabularySize < 1) throw Bad("vocab.titleTokens", "must be >= 1", VocabularySize);
        if (MinPairCount < 1) throw Bad("vocab.minPairCount", "must be >= 1", MinPairCount);
    }

    static ArgumentException Bad(string name, string rule, int value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name} {rule} (got {value})"));
}
