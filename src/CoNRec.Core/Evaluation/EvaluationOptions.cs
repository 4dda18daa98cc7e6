namespace CoNRec.Core.Evaluation;

/// <summary>
/// How rankings are scored. Long-tail thresholds are strict: a long-tail user has fewer than
/// <see cref="LongTailUserMaxNegatives"/> negatives in their history; a long-tail item has fewer than
/// <see cref="LongTailItemMaxNegatives"/> negatives in the split's history over all users (method.md: 3 and 5).
/// </summary>
public sealed record EvaluationOptions(int K = 20, int LongTailUserMaxNegatives = 3, int LongTailItemMaxNegatives = 5)
{
    public void Validate()
    {
        if (K < 1) throw new ArgumentException($"eval.k must be >= 1 (got {K})");
        if (LongTailUserMaxNegatives < 1)
            throw new ArgumentException($"eval.longTailUserMaxNegatives must be >= 1 (got {LongTailUserMaxNegatives})");
        if (LongTailItemMaxNegatives < 1)
            throw new ArgumentException($"eval.longTailItemMaxNegatives must be >= 1 (got {LongTailItemMaxNegatives})");
    }
}
