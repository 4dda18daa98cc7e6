using System.Globalization;
using System.Text;
using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Features;

/// <summary>
/// Precomputed item vectors (e.g. from a text or image encoder) to use instead of <see cref="TextFeaturizer"/>
/// features. The file is UTF-8 text, one line per item:
/// <code>
/// item_id&lt;TAB&gt;v1 v2 v3 ...
/// </code>
/// item_id is the item's external id exactly as in the dataset; the values are separated by spaces and written
/// in the invariant culture ("0.25", "-1.5e-3"). Every line has the same number of values; NaN and infinities
/// are refused; blank lines are skipped. Every item of the dataset must have exactly one line, and every line
/// must name an item of the dataset.
/// </summary>
public static class EmbeddingFile
{
    const int MissingShown = 5;

    /// <summary>The dataset with its item features replaced by the file's vectors.</summary>
    public static Dataset Apply(Dataset dataset, string path)
    {
        var (features, dimension) = Read(dataset.Items, path);
        return dataset.WithItems(dataset.Items.WithFeatures(features, dimension));
    }

    /// <summary>Reads the vectors of every item of the catalogue, row-major (Count, dimension).</summary>
    public static (float[] Features, int Dimension) Read(ItemCatalog catalog, string path)
    {
        var index = new Dictionary<string, int>(catalog.Count, StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++) index.Add(catalog.ExternalIds[i], i);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = new bool[catalog.Count];
        var values = new List<float>();
        float[]? features = null;
        var dimension = 0;
        using var reader = LineReader.Open(path);
        var line = reader.ReadFirst();
        do
        {
            var text = line.Span;
            if (text.IsWhiteSpace()) continue;
            var tab = text.IndexOf('\t');
            if (tab < 0) throw reader.Error("expected item_id, a tab, then the vector's values separated by spaces");
            var id = text[..tab];
            if (!lookup.TryGetValue(id, out var item)) throw reader.Error($"item '{FieldParser.Shorten(id)}' is not in the dataset");
            if (seen[item]) throw reader.Error($"item '{FieldParser.Shorten(id)}' has a second vector");
            seen[item] = true;
            ParseValues(text[(tab + 1)..], values, reader);
            if (features is null)
            {
                dimension = values.Count;
                features = new float[(long)catalog.Count * dimension];
            }
            else if (values.Count != dimension) throw reader.Error($"the vector has {values.Count} values, the first line had {dimension}");
            for (var d = 0; d < dimension; d++) features[(long)item * dimension + d] = values[d];
        }
        while (reader.TryRead(out line));
        if (features is null) throw new DataFileException(path, 1, "the file has no vectors");
        ThrowIfMissing(catalog, seen, path);
        return (features, dimension);
    }

    /// <summary>Writes the catalogue's current features in this format (round-trip exact).</summary>
    public static void Write(ItemCatalog catalog, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        for (var i = 0; i < catalog.Count; i++)
        {
            writer.Write(catalog.ExternalIds[i]);
            writer.Write('\t');
            var vector = catalog.FeaturesOf(i);
            for (var d = 0; d < vector.Length; d++)
            {
                if (d > 0) writer.Write(' ');
                writer.Write(vector[d].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }

    static void ParseValues(ReadOnlySpan<char> text, List<float> values, LineReader at)
    {
        values.Clear();
        foreach (var range in text.Split(' '))
        {
            var token = text[range].Trim();
            if (token.IsEmpty) continue;
            if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                throw at.Error($"value {values.Count + 1} '{FieldParser.Shorten(token)}' is not a finite number");
            values.Add(value);
        }
        if (values.Count == 0) throw at.Error("the vector has no values");
    }

    static void ThrowIfMissing(ItemCatalog catalog, bool[] seen, string path)
    {
        var missing = new List<string>();
        var count = 0;
        for (var i = 0; i < seen.Length; i++)
        {
            if (seen[i]) continue;
            if (missing.Count < MissingShown) missing.Add(catalog.ExternalIds[i]);
            count++;
        }
        if (count > 0) throw new DataFileException(path, null, $"{count} item(s) of the dataset have no vector, e.g. {string.Join(", ", missing)}");
    }
}
