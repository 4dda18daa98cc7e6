using CoNRec.Core.Grpo;

namespace CoNRec.Model.Grpo;

/// <summary>
/// What one learner step reports: the update's averages over its optimizer steps (<see cref="GrpoUpdateMetrics"/>)
/// and the batch's reward summary (<see cref="GroupStats"/>). Plain numbers: a message.
/// </summary>
/// <param name="Kl">Mean k3 KL to the reference over completion tokens; NaN when beta is 0 (no reference pass).</param>
/// <param name="Entropy">Masked mean entropy of the constrained distribution over the allowed SID tokens, at the sampling temperature.</param>
/// <param name="GradNorm">Mean global gradient norm before clipping over the steps taken.</param>
/// <param name="CompletionTokens">SID tokens learned on (rows x depth).</param>
public sealed record LearnResult(
    int Updates, int SkippedUpdates, double Loss, double PgLoss, double Kl, double ClipFrac, double RatioMean, double RatioMax,
    double Entropy, double GradNorm, double RewardMean, double RewardStd, double FracRewardZeroStd, long CompletionTokens)
{
    public static LearnResult From(GrpoUpdateMetrics update, GroupStats rewards, long completionTokens)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(rewards);
        return new LearnResult(update.Updates, update.SkippedUpdates, update.Loss, update.PgLoss, update.Kl, update.ClipFrac,
            update.RatioMean, update.RatioMax, update.Entropy ?? double.NaN, update.GradNorm,
            rewards.RewardMean, rewards.RewardStd, rewards.FracRewardZeroStd, completionTokens);
    }

    /// <summary>The numbers by their <see cref="GrpoMetricNames"/>.</summary>
    public Dictionary<string, double> Metrics() => new(StringComparer.Ordinal)
    {
        [GrpoMetricNames.Loss] = Loss,
        [GrpoMetricNames.PgLoss] = PgLoss,
        [GrpoMetricNames.Kl] = Kl,
        [GrpoMetricNames.ClipFrac] = ClipFrac,
        [GrpoMetricNames.RatioMean] = RatioMean,
        [GrpoMetricNames.RatioMax] = RatioMax,
        [GrpoMetricNames.Entropy] = Entropy,
        [GrpoMetricNames.GradNorm] = GradNorm,
        [GrpoMetricNames.Updates] = Updates,
        [GrpoMetricNames.SkippedUpdates] = SkippedUpdates,
        [GrpoMetricNames.RewardMean] = RewardMean,
        [GrpoMetricNames.RewardStd] = RewardStd,
        [GrpoMetricNames.FracRewardZeroStd] = FracRewardZeroStd,
        [GrpoMetricNames.CompletionTokens] = CompletionTokens,
    };
}
