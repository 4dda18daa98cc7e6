using CoNRec.Cluster.Observability;
using CoNRec.Core.Coordination;
using CoNRec.Model.Grpo;

namespace CoNRec.Cluster.Coordinator;

/// <summary>
/// A step's stored metrics: the learner's, plus what only the coordinator sees: generation and reward seconds
/// (summed over the step's groups, as the workers measured them), the step's wall time and the throughput.
/// </summary>
public static class StepMetrics
{
    public static Dictionary<string, double> Complete(IReadOnlyDictionary<string, double> learned, IEnumerable<GroupWork> groups, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(groups);
        var metrics = new Dictionary<string, double>(learned, StringComparer.Ordinal);
        double gen = 0, reward = 0;
        foreach (var group in groups)
        {
            gen += group.Rollout?.Seconds ?? 0;
            reward += group.Scores?.Seconds ?? 0;
        }
        metrics[MetricNames.GenSeconds] = gen;
        metrics[MetricNames.RewardSeconds] = reward;
        metrics[MetricNames.StepSeconds] = stepSeconds;
        if (metrics.TryGetValue(GrpoMetricNames.Tokens, out var tokens) && stepSeconds > 0)
            metrics[MetricNames.TokensPerSecond] = tokens / stepSeconds;
        return metrics;
    }

    /// <summary>The step log's summary; a metric the step lacks reads as NaN.</summary>
    public static StepSummary Summary(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        double Get(string name) => metrics.TryGetValue(name, out var value) ? value : double.NaN;
        return new StepSummary(Get(MetricNames.GenSeconds), Get(MetricNames.RewardSeconds), Get(MetricNames.UpdateSeconds),
            Get(MetricNames.WeightSyncSeconds), Get(MetricNames.StepSeconds), Get(MetricNames.TokensPerSecond), Get(MetricNames.RewardMean),
            Get(MetricNames.RewardStd), Get(MetricNames.FracRewardZeroStd), Get(MetricNames.Kl), Get(MetricNames.ClipFrac),
            Get(MetricNames.Entropy), Get(MetricNames.GradNorm));
    }
}
