using System.Globalization;

namespace CoNRec.Model.Sid;

/// <summary>Checks and summarises item features given as a row-major (N, D) float array.</summary>
public static class FeatureMatrix
{
    /// <summary>Returns N; throws when the array is not N x <paramref name="dim"/> or holds NaN/Infinity.</summary>
    /// <exception cref="ArgumentException">The message names the item and dimension that are wrong.</exception>
    public static int Validate(ReadOnlySpan<float> features, int dim, string name = "features")
    {
        if (dim < 1) throw new ArgumentException($"{name}: the feature dimension must be >= 1 (got {dim})", name);
        if (features.Length == 0) throw new ArgumentException($"{name}: no items", name);
        if (features.Length % dim != 0)
            throw new ArgumentException($"{name}: {features.Length} floats is not a whole number of rows of dimension {dim}", name);
        for (var i = 0; i < features.Length; i++)
        {
            if (float.IsFinite(features[i])) continue;
            var what = float.IsNaN(features[i]) ? "NaN" : features[i].ToString(CultureInfo.InvariantCulture);
            throw new ArgumentException($"{name}: item {i / dim} dimension {i % dim} is {what}; features must be finite", name);
        }
        return features.Length / dim;
    }

    /// <summary>Per-dimension mean and standard deviation (population), the deviation floored so it can divide.</summary>
    public static (float[] Mean, float[] Std) MeanAndStd(ReadOnlySpan<float> features, int dim)
    {
        var n = features.Length / dim;
        var sum = new double[dim];
        var sumSq = new double[dim];
        for (var i = 0; i < n; i++)
        {
            var row = features.Slice(i * dim, dim);
            for (var d = 0; d < dim; d++)
            {
                sum[d] += row[d];
                sumSq[d] += (double)row[d] * row[d];
            }
        }
        var mean = new float[dim];
        var std = new float[dim];
        for (var d = 0; d < dim; d++)
        {
            var m = sum[d] / n;
            var variance = Math.Max(0, sumSq[d] / n - m * m);
            mean[d] = (float)m;
            // A constant column would otherwise divide by zero; 1 leaves it centred at 0.
            std[d] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return (mean, std);
    }
}
