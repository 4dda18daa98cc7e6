namespace CoNRec.Model.Sid;

/// <summary>
/// Seeded k-means (k-means++ seeding, then Lloyd iterations) on a small row-major (M, D) sample; used to
/// initialise each RQ-VAE codebook on the first batch's residuals at its level.
/// </summary>
internal static class KMeans
{
    /// <returns>Centres, row-major (k, D).</returns>
    public static float[] Fit(float[] points, int dim, int k, int iterations, Random rng)
    {
        var m = points.Length / dim;
        var centres = new float[k * dim];
        if (m <= k)
        {
            // Too few points to cluster: use every point, fill the rest with jittered copies.
            var scale = 1e-3f * Spread(points, dim);
            for (var c = 0; c < k; c++)
            {
                var source = c < m ? c : rng.Next(m);
                for (var d = 0; d < dim; d++)
                    centres[c * dim + d] = points[source * dim + d] + (c < m ? 0f : scale * (float)(rng.NextDouble() * 2 - 1));
            }
            return centres;
        }

        SeedPlusPlus(points, dim, k, centres, rng);
        var assignment = new int[m];
        var counts = new int[k];
        var sums = new double[k * dim];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Parallel.For(0, m, i => assignment[i] = Nearest(points.AsSpan(i * dim, dim), centres, dim, k, out _));
            Array.Clear(counts);
            Array.Clear(sums);
            for (var i = 0; i < m; i++)
            {
                counts[assignment[i]]++;
                for (var d = 0; d < dim; d++) sums[assignment[i] * dim + d] += points[i * dim + d];
            }
            for (var c = 0; c < k; c++)
            {
                // An empty cluster takes a random point, so that no centre is wasted.
                if (counts[c] == 0)
                {
                    points.AsSpan(rng.Next(m) * dim, dim).CopyTo(centres.AsSpan(c * dim, dim));
                    continue;
                }
                for (var d = 0; d < dim; d++) centres[c * dim + d] = (float)(sums[c * dim + d] / counts[c]);
            }
        }
        return centres;
    }

    static void SeedPlusPlus(float[] points, int dim, int k, float[] centres, Random rng)
    {
        var m = points.Length / dim;
        var best = new double[m];
        Array.Fill(best, double.PositiveInfinity);
        var first = rng.Next(m);
        points.AsSpan(first * dim, dim).CopyTo(centres);
        for (var c = 1; c < k; c++)
        {
            var previous = centres.AsSpan((c - 1) * dim, dim);
            double total = 0;
            for (var i = 0; i < m; i++)
            {
                best[i] = Math.Min(best[i], SquaredDistance(points.AsSpan(i * dim, dim), previous));
                total += best[i];
            }
            var chosen = rng.Next(m);
            if (total > 0)
            {
                var target = rng.NextDouble() * total;
                for (var i = 0; i < m; i++)
                {
                    target -= best[i];
                    if (target <= 0) { chosen = i; break; }
                }
            }
            points.AsSpan(chosen * dim, dim).CopyTo(centres.AsSpan(c * dim, dim));
        }
    }

    static int Nearest(ReadOnlySpan<float> point, float[] centres, int dim, int k, out double distance)
    {
        var best = 0;
        distance = double.PositiveInfinity;
        for (var c = 0; c < k; c++)
        {
            var d = SquaredDistance(point, centres.AsSpan(c * dim, dim));
            if (d < distance) { distance = d; best = c; }
        }
        return best;
    }

    static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var d = 0; d < a.Length; d++)
        {
            var diff = (double)a[d] - b[d];
            sum += diff * diff;
        }
        return sum;
    }

    static float Spread(float[] points, int dim)
    {
        double sumSq = 0;
        foreach (var v in points) sumSq += (double)v * v;
        return (float)Math.Sqrt(sumSq / Math.Max(1, points.Length / dim)) + 1e-6f;
    }
}
