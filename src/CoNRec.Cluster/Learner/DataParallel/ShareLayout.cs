using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>
/// Which part of a step one rank learns. The step's groups are cut into World contiguous, near-equal runs in their
/// order (rank r: groups [r * n / w, (r + 1) * n / w)), so a rank's rows are one contiguous range of the whole
/// batch's rows and every minibatch (<see cref="GrpoUpdate.RowsOf"/>, cut over the whole batch) meets it in a
/// contiguous range too. A rank may hold no group (fewer groups than learners): it adds nothing but still exchanges.
/// </summary>
/// <param name="FirstGroup">The share's first group (index into the step's groups).</param>
/// <param name="FirstRow">The share's first row in the whole batch.</param>
/// <param name="TotalRows">Rows of the whole batch.</param>
public sealed record ShareLayout(int FirstGroup, int Groups, int FirstRow, int Rows, int TotalRows)
{
    public static ShareLayout Of(IReadOnlyList<ScoredGroup> groups, DataParallelOptions rank)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(rank);
        var first = (int)((long)rank.Rank * groups.Count / rank.World);
        var end = (int)((long)(rank.Rank + 1) * groups.Count / rank.World);
        var firstRow = groups.Take(first).Sum(g => g.Items.Length);
        var rows = groups.Skip(first).Take(end - first).Sum(g => g.Items.Length);
        return new ShareLayout(first, end - first, firstRow, rows, groups.Sum(g => g.Items.Length));
    }

    /// <summary>
    /// The share's rows (share-local indices) in minibatch <paramref name="miniBatch"/> of <paramref name="miniBatches"/>,
    /// and the scale that makes their loss this share's part of the minibatch's: rows / minibatch rows. Every
    /// completion is Depth tokens (the learner's mask is all ones), so the aggregations' denominators (tokens for
    /// token-mean, sequences for seq-mean-token-mean, rows x Depth for Dr. GRPO) all split in that proportion.
    /// </summary>
    public (int[] Rows, double Scale) MiniBatch(int miniBatch, int miniBatches)
    {
        var global = GrpoUpdate.RowsOf(miniBatch, miniBatches, TotalRows);
        if (global.Length == 0) return ([], 0);
        var start = Math.Max(global[0], FirstRow);
        var end = Math.Min(global[^1] + 1, FirstRow + Rows);
        if (end <= start) return ([], 0);
        return ([.. Enumerable.Range(start - FirstRow, end - start)], (double)(end - start) / global.Length);
    }
}
