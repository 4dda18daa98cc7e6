namespace CoNRec.Core.Grpo;

/// <summary>
/// How a (B, T) matrix of per-token losses, L, and its completion mask, m, become one scalar; verl's
/// <c>loss_agg_mode</c>, typed.
/// </summary>
public enum LossAggregation
{
    /// <summary>verl "token-mean": sum(L * m) / sum(m); every completion token in the batch weighs the same.</summary>
    TokenMean = 0,

    /// <summary>
    /// verl "seq-mean-token-mean" (the DeepSeekMath formula): mean over sequences of sum_t(L * m) / sum_t(m);
    /// every sequence weighs the same, so a short one's tokens weigh more. Rows without tokens are left out.
    /// </summary>
    SeqMeanTokenMean = 1,

    /// <summary>
    /// Dr. GRPO: sum(L * m) / (B * T), a constant normaliser (T = the mask's width, the generation budget; B =
    /// rows of the minibatch, groups x G), so no sequence length biases the gradient. verl's
    /// "seq-mean-token-sum-norm" divides the same sum by T alone; the extra constant 1/B keeps the loss on the
    /// token-mean scale (equal to it when every row is full), which keeps the gradient-clip threshold meaningful.
    /// </summary>
    DrGrpo = 2,
}
