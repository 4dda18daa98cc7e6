using System.Diagnostics;

namespace CoNRec.Model.Sid;

/// <summary>Clustered synthetic item features: categories contain latent groups, items scatter around their group.</summary>
/// <param name="Features">Row-major (Items, Dim).</param>
public sealed record ClusteredFeatures(float[] Features, int Dim, int[] Category, int[] Group);

/// <summary>The measured quality of SIDs trained on clustered synthetic features, and the training time.</summary>
public sealed record SidProbeResult(SidReport Report, RqVaeEpoch LastEpoch, TimeSpan TrainingTime);

/// <summary>
/// A benchmark, not a unit test: trains the RQ-VAE with the given options on realistic-looking clustered
/// features (text-like dims carry category and group, image-like dims carry the group at another scale) and
/// reports collision rate, codebook use and category coherence. The targets for the defaults: collision
/// rate below 5%, every level using more than half its codes, same-category sharing far above chance.
/// </summary>
public static class SidQualityProbe
{
    public static SidProbeResult Run(RqVaeOptions options, int items = 3000, int textDims = 48, int imageDims = 16, int groups = 100, int categories = 32, double itemNoise = 0.35, int seed = 7, IProgress<double>? progress = null)
    {
        var data = Generate(items, textDims, imageDims, groups, categories, itemNoise, seed);
        var clock = Stopwatch.StartNew();
        var result = RqVaeTrainer.Train(data.Features, data.Dim, options, progress);
        using var model = result.Model;
        var table = new SidTable(model.Codes(data.Features, data.Dim), options.CodebookSize);
        clock.Stop();
        return new SidProbeResult(table.Report(data.Category), result.Epochs[^1], clock.Elapsed);
    }

    /// <summary>Group g belongs to category g mod <paramref name="categories"/>; items pick groups uniformly.</summary>
    /// <param name="itemNoise">Spread of items around their group in the text-like dims (category centres have 1, group offsets 0.6).</param>
    public static ClusteredFeatures Generate(int items, int textDims, int imageDims, int groups, int categories, double itemNoise, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, categories);
        var rng = new Random(seed);
        var dim = textDims + imageDims;
        var categoryCentre = Matrix(categories, textDims, 1.0, rng);
        var groupOffset = Matrix(groups, textDims, 0.6, rng);
        // Image-like dims live on another scale (and offset), which normalisation has to undo.
        var groupImage = Matrix(groups, imageDims, 8.0, rng);
        var features = new float[items * dim];
        var category = new int[items];
        var group = new int[items];
        for (var i = 0; i < items; i++)
        {
            var g = rng.Next(groups);
            var c = g % categories;
            group[i] = g;
            category[i] = c;
            var row = features.AsSpan(i * dim, dim);
            for (var d = 0; d < textDims; d++)
                row[d] = (float)(categoryCentre[c * textDims + d] + groupOffset[g * textDims + d] + itemNoise * Gaussian(rng));
            for (var d = 0; d < imageDims; d++)
                row[textDims + d] = (float)(20 + groupImage[g * imageDims + d] + 4.0 * itemNoise / 0.35 * Gaussian(rng));
        }
        return new ClusteredFeatures(features, dim, category, group);
    }

    static double[] Matrix(int rows, int columns, double scale, Random rng)
    {
        var values = new double[rows * columns];
        for (var i = 0; i < values.Length; i++) values[i] = scale * Gaussian(rng);
        return values;
    }

    static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
