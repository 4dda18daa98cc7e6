using CoNRec.Core.Randomness;
using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Baselines;

/// <summary>
/// Uniformly random distinct items (never excluded ones) and uniformly random candidate scores. Each user gets
/// their own generator seeded from (seed, user), so results do not depend on the order cases are evaluated in.
/// </summary>
public sealed class RandomRanker(EvaluationSplit split, int seed) : IItemRanker, ICandidateScorer
{
    const int RankStream = 0;
    const int ScoreStream = 1;
    readonly int _itemCount = split.Dataset.Items.Count;

    public string Name => "random";

    public int Seed => seed;

    public int[] Rank(EvaluationCase c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var random = new Random(SeedFor(seed, c.User, RankStream));
        var available = _itemCount - c.ExcludedItems.Length;
        var take = Math.Min(k, available);
        if (take <= 0) return [];
        return 2 * take > available ? ShuffleAvailable(c, random, take, available) : SampleByRejection(c, random, take);
    }

    public float[] Score(EvaluationCase c, ReadOnlySpan<int> candidates)
    {
        var random = new Random(SeedFor(seed, c.User, ScoreStream));
        var scores = new float[candidates.Length];
        for (var i = 0; i < scores.Length; i++) scores[i] = random.NextSingle();
        return scores;
    }

    /// <summary>The seed of one user's stream (stable across processes).</summary>
    public static int SeedFor(int seed, int user, int stream) => StableSeed.Mix(seed, stream, user);

    /// <summary>Few items wanted compared to what is available: draw and redraw on repeats or exclusions.</summary>
    int[] SampleByRejection(EvaluationCase c, Random random, int take)
    {
        var chosen = new List<int>(take);
        var taken = new HashSet<int>();
        while (chosen.Count < take)
        {
            var item = random.Next(_itemCount);
            if (!c.IsExcluded(item) && taken.Add(item)) chosen.Add(item);
        }
        return [.. chosen];
    }

    /// <summary>Most of the available items wanted: list them and run a partial Fisher-Yates shuffle.</summary>
    int[] ShuffleAvailable(EvaluationCase c, Random random, int take, int available)
    {
        var pool = new int[available];
        var n = 0;
        for (var item = 0; item < _itemCount && n < available; item++)
            if (!c.IsExcluded(item)) pool[n++] = item;
        take = Math.Min(take, n);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, n);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..take];
    }
}
