namespace CoNRec.Core.Features;

/// <summary>
/// Settings of <see cref="TextFeaturizer"/>: the vector size and the weight of each kind of token before
/// L2 normalisation. A weight of 0 switches that kind of token off.
/// </summary>
public sealed record TextFeaturizerOptions
{
    public int Dimension { get; init; } = 64;
    public float UnigramWeight { get; init; } = 1f;
    public float BigramWeight { get; init; } = 0.5f;
    public float CategoryWeight { get; init; } = 1f;
    public float TagWeight { get; init; } = 0.5f;

    public void Validate()
    {
        if (Dimension < 1) throw new ArgumentException($"features.dimension must be >= 1 (got {Dimension})");
        Check("features.unigram-weight", UnigramWeight);
        Check("features.bigram-weight", BigramWeight);
        Check("features.category-weight", CategoryWeight);
        Check("features.tag-weight", TagWeight);
    }

    static void Check(string setting, float weight)
    {
        if (!float.IsFinite(weight) || weight < 0) throw new ArgumentException($"{setting} must be a finite number >= 0 (got {weight})");
    }
}
