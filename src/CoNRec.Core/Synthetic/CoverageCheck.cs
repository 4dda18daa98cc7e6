using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Synthetic;

/// <summary>
/// The paper's Figure 2a check (method.md, finding 3) on a dataset with <see cref="SyntheticTruth"/>: how much
/// of a user's true top-k disliked groups do training targets reveal? For every evaluation case, with k' =
/// min(k, groups the user dislikes), it measures the share of the top-k' groups covered by the groups of
/// (a) the next negative item, (b) all negatives in (anchor, anchor + W], (c) those plus their collaborative
/// neighbours, and averages over users. Only interest-related negatives count: a split on uncleaned data is
/// recomputed on <see cref="NegativeCleaning.KeepInterestRelated"/> with the same options.
/// </summary>
public static class CoverageCheck
{
    public static readonly int[] Ks = [1, 4];

    /// <param name="split">An evaluation split of a synthetic dataset.</param>
    /// <param name="neighbours">An item's neighbours, best first (the caller passes Swing); null: (c) equals (b).</param>
    /// <param name="topNeighbours">How many of each negative's neighbours (c) adds.</param>
    /// <exception cref="ArgumentException">The dataset has no ground truth, or topNeighbours is negative.</exception>
    public static CoverageReport Run(EvaluationSplit split, Func<int, ReadOnlySpan<int>>? neighbours, int topNeighbours)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (topNeighbours < 0) throw new ArgumentException($"coverage.topNeighbours must be >= 0 (got {topNeighbours})");
        var truth = split.Dataset.Truth ?? throw new ArgumentException($"coverage: dataset '{split.Dataset.Name}' has no synthetic ground truth");
        var cleaned = NegativeCleaning.KeepInterestRelated(split.Dataset);
        if (!ReferenceEquals(cleaned, split.Dataset)) split = EvaluationSplit.Create(cleaned, split.Options);

        var sums = new double[Ks.Length, 3];
        var users = 0;
        var covered = new HashSet<int>();
        foreach (var c in split.Cases)
        {
            var disliked = truth.UserDislikedGroups[c.User];
            if (disliked.Length == 0) continue;
            users++;

            covered.Clear();
            covered.Add(truth.ItemGroup[c.NextNegative]);
            Accumulate(sums, 0, disliked, covered);

            covered.Clear();
            foreach (var item in c.FutureNegatives) covered.Add(truth.ItemGroup[item]);
            Accumulate(sums, 1, disliked, covered);

            if (neighbours is not null && topNeighbours > 0)
            {
                foreach (var item in c.FutureNegatives)
                {
                    var near = neighbours(item);
                    var take = Math.Min(topNeighbours, near.Length);
                    for (var k = 0; k < take; k++) covered.Add(truth.ItemGroup[near[k]]);
                }
            }
            Accumulate(sums, 2, disliked, covered);
        }

        var rows = new CoverageRow[Ks.Length];
        for (var r = 0; r < Ks.Length; r++)
            rows[r] = users == 0
                ? new CoverageRow(Ks[r], 0, 0, 0)
                : new CoverageRow(Ks[r], sums[r, 0] / users, sums[r, 1] / users, sums[r, 2] / users);
        return new CoverageReport(users, split.Options.WindowDays, topNeighbours, rows);
    }

    /// <summary>Adds, for each k, the share of the user's top-k' disliked groups found in <paramref name="covered"/>.</summary>
    static void Accumulate(double[,] sums, int column, int[] disliked, HashSet<int> covered)
    {
        for (var r = 0; r < Ks.Length; r++)
        {
            var top = Math.Min(Ks[r], disliked.Length);
            var hits = 0;
            for (var k = 0; k < top; k++)
                if (covered.Contains(disliked[k])) hits++;
            sums[r, column] += (double)hits / top;
        }
    }
}
