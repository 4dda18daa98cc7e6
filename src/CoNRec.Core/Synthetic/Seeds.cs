using CoNRec.Core.Randomness;

namespace CoNRec.Core.Synthetic;

/// <summary>
/// Independent, reproducible random streams: every part of the world (items, archetypes, each user) gets its
/// own <see cref="Random"/> seeded from (world seed, stream, index), so that users can be simulated in parallel
/// and in any order with the same result.
/// </summary>
static class Seeds
{
    public const int Items = 1;
    public const int Features = 2;
    public const int Archetypes = 3;
    public const int Profiles = 4;
    public const int Simulation = 5;

    public static Random For(int seed, int stream, int index = 0) => StableSeed.Random(seed, stream, index);


    /// <summary>Standard normal draw (Box-Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Index drawn from cumulative weights (last entry = total), by binary search.</summary>
    public static int Pick(this Random random, ReadOnlySpan<double> cumulative)
    {
        var total = cumulative[^1];
        var x = random.NextDouble() * total;
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
