namespace CoNRec.Core.Data;

/// <summary>
/// The items of a dataset, column by column. Item i has an external id, a title, a category path
/// ("Home/Kitchen/Knives", '/'-separated, coarse to fine) and a feature vector of <see cref="FeatureDim"/>
/// floats at <c>Features[i * FeatureDim ..]</c>.
/// </summary>
public sealed class ItemCatalog
{
    readonly string[] _externalIds;
    readonly string[] _titles;
    readonly string[] _categories;
    readonly float[] _features;

    public ItemCatalog(string[] externalIds, string[] titles, string[] categoryPaths, float[] features, int featureDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureDim);
        if (titles.Length != externalIds.Length || categoryPaths.Length != externalIds.Length)
            throw new ArgumentException("item columns differ in length");
        if (features.Length != (long)externalIds.Length * featureDim)
            throw new ArgumentException($"features hold {features.Length} floats, expected {externalIds.Length} x {featureDim}");
        _externalIds = externalIds;
        _titles = titles;
        _categories = categoryPaths;
        _features = features;
        FeatureDim = featureDim;
    }

    public int Count => _externalIds.Length;
    public int FeatureDim { get; }
    public IReadOnlyList<string> ExternalIds => _externalIds;
    public IReadOnlyList<string> Titles => _titles;
    public IReadOnlyList<string> CategoryPaths => _categories;

    /// <summary>All feature vectors, row-major: (Count, FeatureDim).</summary>
    public ReadOnlySpan<float> Features => _features;

    public ReadOnlySpan<float> FeaturesOf(int item) => _features.AsSpan(item * FeatureDim, FeatureDim);

    /// <summary>A copy of this catalogue with other feature vectors (e.g. precomputed embeddings).</summary>
    public ItemCatalog WithFeatures(float[] features, int featureDim) => new(_externalIds, _titles, _categories, features, featureDim);
}
