namespace CoNRec.Core.Features;

/// <summary>
/// Turns an item's title, category path and optional tags into a fixed-size, L2-normalised vector by signed
/// feature hashing, with no model and no training: the item features the RQ-VAE quantises when no
/// precomputed embeddings are supplied (see <see cref="EmbeddingFile"/>).
/// Tokens, each hashed with <see cref="StableHash"/> under its own prefix so kinds never collide by design:
/// <list type="bullet">
/// <item>"w:" word unigrams of the lower-cased title. A word is a run of letters and digits; apostrophes are
/// dropped ("children's" -> "childrens"); each CJK ideograph or kana is a word of its own, since those scripts
/// do not separate words by spaces.</item>
/// <item>"b:" word bigrams ("b:the godfather").</item>
/// <item>"c:" every prefix of the lower-cased category path: "Drama/Crime" gives "c:drama" and "c:drama/crime",
/// so items that share a coarse category share a token even when their fine categories differ.</item>
/// <item>"t:" whole lower-cased tags (e.g. a film's secondary genres).</item>
/// </list>
/// A token adds +-weight at bucket <c>hash mod Dimension</c>, the sign taken from the hash's top bit so that
/// collisions cancel on average instead of piling up. The sum is scaled to unit length; an input with no
/// tokens gives the zero vector. Same input, same bytes, in any process.
/// </summary>
public sealed class TextFeaturizer
{
    readonly TextFeaturizerOptions _options;

    public TextFeaturizer(TextFeaturizerOptions? options = null)
    {
        _options = options ?? new TextFeaturizerOptions();
        _options.Validate();
    }

    public int Dimension => _options.Dimension;

    public float[] Featurize(string title, string categoryPath, IReadOnlyList<string>? tags = null)
    {
        var vector = new float[Dimension];
        Featurize(title, categoryPath, tags, vector);
        return vector;
    }

    /// <summary>Writes the vector of one item into <paramref name="destination"/> (length <see cref="Dimension"/>).</summary>
    public void Featurize(string title, string categoryPath, IReadOnlyList<string>? tags, Span<float> destination)
    {
        if (destination.Length != Dimension)
            throw new ArgumentException($"destination holds {destination.Length} floats, the featuriser makes {Dimension}", nameof(destination));
        destination.Clear();
        AddTitle(title, destination);
        AddCategory(categoryPath, destination);
        if (tags is not null)
            foreach (var tag in tags)
            {
                var text = tag.Trim().ToLowerInvariant();
                if (text.Length > 0) Add(destination, StableHash.Append(StableHash.Of("t:"), text), _options.TagWeight);
            }
        Normalise(destination);
    }

    void AddTitle(string title, Span<float> destination)
    {
        var text = TitleWords.Lower(title);
        var words = TitleWords.Split(text);
        for (var i = 0; i < words.Count; i++)
        {
            var word = text.AsSpan(words[i]);
            Add(destination, StableHash.Append(StableHash.Of("w:"), word), _options.UnigramWeight);
            if (i == 0) continue;
            var hash = StableHash.Append(StableHash.Of("b:"), text.AsSpan(words[i - 1]));
            hash = StableHash.Append(StableHash.Append(hash, ' '), word);
            Add(destination, hash, _options.BigramWeight);
        }
    }

    void AddCategory(string categoryPath, Span<float> destination)
    {
        var hash = StableHash.Of("c:");
        var first = true;
        foreach (var range in categoryPath.AsSpan().Split('/'))
        {
            var segment = categoryPath.AsSpan(range).Trim();
            if (segment.IsEmpty) continue;
            if (!first) hash = StableHash.Append(hash, '/');
            hash = StableHash.Append(hash, segment.ToString().ToLowerInvariant());
            first = false;
            Add(destination, hash, _options.CategoryWeight);
        }
    }

    void Add(Span<float> destination, ulong rawHash, float weight)
    {
        if (weight == 0) return;
        var hash = StableHash.Finish(rawHash);
        var bucket = (int)(hash % (ulong)destination.Length);
        destination[bucket] += (hash >> 63) == 0 ? weight : -weight;
    }

    static void Normalise(Span<float> vector)
    {
        double sumOfSquares = 0;
        foreach (var x in vector) sumOfSquares += (double)x * x;
        if (sumOfSquares == 0) return;
        var scale = 1.0 / Math.Sqrt(sumOfSquares);
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] * scale);
    }
}
