using CoNRec.Model.Grpo;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>
/// What one share's backward reports for one update, carried in its gradient file so that every learner combines
/// the same numbers into the whole minibatch's metrics. Losses are scaled (the shares' sum is the minibatch's);
/// the means are over the share's completion tokens and combine weighted by <see cref="Tokens"/>.
/// </summary>
public sealed record ShareMetrics(double Loss, double PgLoss, long Tokens, double Kl, double ClipFrac, double RatioMean, double RatioMax, double Entropy)
{
    /// <summary>A share with no rows in the minibatch: it weighs nothing.</summary>
    public static ShareMetrics Empty { get; } = new(0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static ShareMetrics Of(ShareLoss loss, double scale, long tokens)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var m = loss.Metrics;
        return new ShareMetrics(loss.ScaledLoss, m.PgLoss * scale, tokens, m.Kl, m.ClipFrac, m.RatioMean, m.RatioMax, m.Entropy ?? double.NaN);
    }

    /// <summary>The whole minibatch's numbers from every share's, combined in rank order (so every learner gets the same).</summary>
    public static ShareMetrics Combine(IReadOnlyList<ShareMetrics> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        double loss = 0, pg = 0, kl = 0, clip = 0, ratio = 0, entropy = 0;
        var ratioMax = double.NegativeInfinity;
        long tokens = 0;
        foreach (var s in shares)
        {
            loss += s.Loss;
            pg += s.PgLoss;
            if (s.Tokens == 0) continue;
            tokens += s.Tokens;
            kl += s.Kl * s.Tokens;
            clip += s.ClipFrac * s.Tokens;
            ratio += s.RatioMean * s.Tokens;
            entropy += s.Entropy * s.Tokens;
            ratioMax = Math.Max(ratioMax, s.RatioMax);
        }
        return tokens == 0
            ? Empty with { Loss = loss, PgLoss = pg }
            : new ShareMetrics(loss, pg, tokens, kl / tokens, clip / tokens, ratio / tokens, ratioMax, entropy / tokens);
    }
}
