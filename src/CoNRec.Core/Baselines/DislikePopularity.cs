using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Baselines;

/// <summary>
/// Number of distinct users who rejected each item in a split's history, and the items in decreasing order of
/// that count (ties: smaller item index first, so the order is stable and deterministic).
/// </summary>
public sealed class DislikePopularity
{
    readonly int[] _counts;
    readonly int[] _order;

    DislikePopularity(int[] counts)
    {
        _counts = counts;
        _order = new int[counts.Length];
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
        Array.Sort(_order, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        Max = counts.Length == 0 ? 0 : counts.Max();
    }

    public static DislikePopularity Fit(EvaluationSplit split) => new(HistoryCounts.NegativeUsers(split));

    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>All items, most rejected first.</summary>
    public ReadOnlySpan<int> Order => _order;

    public int Max { get; }

    /// <summary>Count divided by the largest count: in [0, 1], 0 when nothing was rejected.</summary>
    public double Normalised(int item) => Max == 0 ? 0 : _counts[item] / (double)Max;

    /// <summary>Appends the most rejected items that are neither excluded for the case nor already in <paramref name="ranked"/> until it holds k.</summary>
    public void FillUpTo(List<int> ranked, EvaluationCase c, int k)
    {
        HashSet<int> taken = [.. ranked];
        foreach (var item in _order)
        {
            if (ranked.Count >= k) return;
            if (!taken.Contains(item) && !c.IsExcluded(item)) ranked.Add(item);
        }
    }
}
