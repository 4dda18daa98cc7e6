using CoNRec.Cluster.Observability;
using CoNRec.Model.Grpo;

namespace CoNRec.Cluster.Learner;

/// <summary>
/// A learned step's metrics as they are stored and logged: the learner's own (<see cref="GrpoMetricNames"/>,
/// e.g. actor/kl) plus the verl names the reports and the step log read (<see cref="MetricNames"/>, e.g. kl).
/// </summary>
public static class LearnMetrics
{
    public static Dictionary<string, double> Of(LearnResult learned, double updateSeconds, double weightSyncSeconds, long tokens)
    {
        ArgumentNullException.ThrowIfNull(learned);
        var metrics = learned.Metrics();
        metrics[MetricNames.Kl] = learned.Kl;
        metrics[MetricNames.ClipFrac] = learned.ClipFrac;
        metrics[MetricNames.Entropy] = learned.Entropy;
        metrics[MetricNames.GradNorm] = learned.GradNorm;
        metrics[MetricNames.FracRewardZeroStd] = learned.FracRewardZeroStd;
        metrics[MetricNames.UpdateSeconds] = updateSeconds;
        metrics[MetricNames.WeightSyncSeconds] = weightSyncSeconds;
        metrics[GrpoMetricNames.Tokens] = tokens;
        return metrics;
    }
}
