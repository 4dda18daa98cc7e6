namespace CoNRec.Core.Evaluation;

/// <summary>
/// Per-case ranking metrics (method.md, step 5) as pure functions. <c>topK</c> is a ranking of distinct items,
/// best first, already cut to K; <c>futureNegatives</c> holds distinct items. The evaluator averages them.
/// </summary>
public static class Metrics
{
    /// <summary>HR@K: 1 when the top K contain the next negative item (the classic, exposure-biased target).</summary>
    public static double HitRate(ReadOnlySpan<int> topK, int nextNegative) => topK.Contains(nextNegative) ? 1 : 0;

    /// <summary>FHR@K: 1 when the top K contain any negative of the future window.</summary>
    public static double FutureHitRate(ReadOnlySpan<int> topK, ReadOnlySpan<int> futureNegatives) =>
        topK.ContainsAny(futureNegatives) ? 1 : 0;

    /// <summary>LUF@K's population: users with fewer than <paramref name="threshold"/> negatives in their history.</summary>
    public static bool IsLongTailUser(int historyNegatives, int threshold) => historyNegatives < threshold;

    /// <summary>
    /// LIF@K for one case. A long-tail item has fewer than the threshold's negatives in the split's history over
    /// all users (<paramref name="isLongTailItem"/>, indexed by item). The case counts only when its future
    /// negatives include at least one long-tail item (otherwise null); it is a hit when the top K contain one of
    /// those long-tail future negatives. Hits on popular future negatives do not count, so LIF measures
    /// whether a model finds rare dislikes rather than repeating popular ones.
    /// </summary>
    public static double? LongTailItemHit(ReadOnlySpan<int> topK, ReadOnlySpan<int> futureNegatives, ReadOnlySpan<bool> isLongTailItem)
    {
        var any = false;
        foreach (var item in futureNegatives)
        {
            if (!isLongTailItem[item]) continue;
            any = true;
            if (topK.Contains(item)) return 1;
        }
        return any ? 0 : null;
    }

    /// <summary>Recall@K(W) = |topK ∩ futureNegatives| / |futureNegatives|; 0 when there are no future negatives.</summary>
    public static double Recall(ReadOnlySpan<int> topK, ReadOnlySpan<int> futureNegatives)
    {
        if (futureNegatives.IsEmpty) return 0;
        var hits = 0;
        foreach (var item in topK)
            if (futureNegatives.Contains(item)) hits++;
        return hits / (double)futureNegatives.Length;
    }

    /// <summary>
    /// NDCG@K(W) with binary relevance (an item is relevant when it is a future negative):
    /// DCG = sum_i rel_i / log2(i + 2) over zero-based ranks i &lt; K; the ideal DCG places
    /// min(|futureNegatives|, K) relevant items first.
    /// </summary>
    public static double Ndcg(ReadOnlySpan<int> topK, ReadOnlySpan<int> futureNegatives, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ideal = Math.Min(futureNegatives.Length, k);
        if (ideal == 0) return 0;
        double dcg = 0, idcg = 0;
        var n = Math.Min(topK.Length, k);
        for (var i = 0; i < n; i++)
            if (futureNegatives.Contains(topK[i])) dcg += 1 / Math.Log2(i + 2);
        for (var i = 0; i < ideal; i++) idcg += 1 / Math.Log2(i + 2);
        return dcg / idcg;
    }

    /// <summary>
    /// Candidate accuracy for one case: the true negative's score is <c>scores[0]</c>. 1 / (1 + m) when it is the
    /// maximum and m other candidates tie with it (the expected accuracy when ties are broken at random), else 0.
    /// A NaN score for the true negative never wins; NaN distractors never beat it.
    /// </summary>
    public static double CandidateAccuracy(ReadOnlySpan<float> scores)
    {
        if (scores.IsEmpty) throw new ArgumentException("candidate accuracy needs at least the true negative's score", nameof(scores));
        var truth = scores[0];
        if (float.IsNaN(truth)) return 0;
        var ties = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > truth) return 0;
            if (scores[i] == truth) ties++;
        }
        return 1.0 / (1 + ties);
    }
}
