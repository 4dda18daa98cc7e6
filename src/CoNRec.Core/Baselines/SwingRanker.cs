using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Swing;

namespace CoNRec.Core.Baselines;

/// <summary>
/// Item-kNN on co-dislike: score(u, j) = sum over the distinct items i that u rejected in the history of
/// w(i) * sim(i, j), with sim from an <see cref="IItemNeighbors"/> (e.g. Swing on negative feedback) and
/// w(i) = 1, or 0.5^(age / half-life) of u's latest rejection of i with <see cref="SwingRankerOptions.HalfLifeDays"/>.
/// Ranking: items with a positive score, highest first (ties: more popular, then smaller index); when fewer
/// than K items score, the rest is filled from dislike popularity, as item-kNN baselines usually do, so that
/// users whose negatives have no neighbours still get K items.
/// Candidate score: the same score plus 1e-6 x normalised dislike popularity as a tie-breaker.
/// </summary>
public sealed class SwingRanker : IItemRanker, ICandidateScorer
{
    const double PopularityTieBreak = 1e-6;
    readonly EventTable _events;
    readonly IItemNeighbors _neighbors;
    readonly double? _halfLifeSeconds;
    readonly DislikePopularity _popularity;
    readonly int[] _popularityCounts;

    public SwingRanker(EvaluationSplit split, IItemNeighbors neighbors, SwingRankerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(neighbors);
        options ??= new SwingRankerOptions();
        options.Validate();
        if (neighbors.ItemCount != split.Dataset.Items.Count)
            throw new ArgumentException($"the item neighbours cover {neighbors.ItemCount} items, the dataset has {split.Dataset.Items.Count}");
        _events = split.Dataset.Events;
        _neighbors = neighbors;
        _halfLifeSeconds = options.HalfLifeDays * Time.SecondsPerDay;
        _popularity = DislikePopularity.Fit(split);
        _popularityCounts = _popularity.Counts.ToArray();
        Options = options;
    }

    public string Name => "swing";

    public SwingRankerOptions Options { get; }

    public int[] Rank(EvaluationCase c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var scored = new List<(int Item, double Score)>();
        foreach (var (item, score) in Scores(c))
            if (score > 0 && !c.IsExcluded(item)) scored.Add((item, score));
        var counts = _popularityCounts;
        scored.Sort((a, b) =>
        {
            var order = b.Score.CompareTo(a.Score);
            if (order == 0) order = counts[b.Item].CompareTo(counts[a.Item]);
            return order == 0 ? a.Item.CompareTo(b.Item) : order;
        });
        var ranked = new List<int>(k);
        for (var i = 0; i < scored.Count && ranked.Count < k; i++) ranked.Add(scored[i].Item);
        _popularity.FillUpTo(ranked, c, k);
        return [.. ranked];
    }

    public float[] Score(EvaluationCase c, ReadOnlySpan<int> candidates)
    {
        var scores = Scores(c);
        var result = new float[candidates.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var item = candidates[i];
            result[i] = (float)(scores.GetValueOrDefault(item) + PopularityTieBreak * _popularity.Normalised(item));
        }
        return result;
    }

    /// <summary>The user's co-dislike scores (sparse: only neighbours of their past negatives).</summary>
    public Dictionary<int, double> Scores(EvaluationCase c)
    {
        var weights = NegativeWeights(c);
        var scores = new Dictionary<int, double>();
        foreach (var (source, weight) in weights)
        {
            var neighbors = _neighbors.NeighborsOf(source);
            var sims = _neighbors.ScoresOf(source);
            for (var n = 0; n < neighbors.Length; n++)
                scores[neighbors[n]] = scores.GetValueOrDefault(neighbors[n]) + weight * sims[n];
        }
        return scores;
    }

    /// <summary>Each distinct item the user rejected in the history, weighted by the age of the latest rejection.</summary>
    Dictionary<int, double> NegativeWeights(EvaluationCase c)
    {
        var latest = new Dictionary<int, long>();
        var items = _events.Items;
        var kinds = _events.Kinds;
        var times = _events.Times;
        for (var i = c.HistoryStart; i < c.HistoryEnd; i++)
            if (kinds[i] == FeedbackKind.Negative) latest[items[i]] = times[i];
        var weights = new Dictionary<int, double>(latest.Count);
        foreach (var (item, time) in latest)
            weights[item] = _halfLifeSeconds is { } h ? Math.Pow(0.5, Math.Max(0, c.Anchor - time) / h) : 1;
        return weights;
    }
}
