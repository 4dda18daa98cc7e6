using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Reporting;

/// <summary>Seconds per step phase; a phase a step did not report counts as zero.</summary>
internal readonly record struct PhaseSeconds(double Generation, double Reward, double Update)
{
    public double Total => Generation + Reward + Update;

    /// <summary>The phases as percentages of <see cref="Total"/> (they sum to 100); null when the total is zero.</summary>
    public PhaseSeconds? AsPercent() =>
        Total > 0 ? new PhaseSeconds(100 * Generation / Total, 100 * Reward / Total, 100 * Update / Total) : null;
}

/// <summary>The share of step time spent generating, scoring and updating, from the timing_s/* metrics.</summary>
internal static class PhaseTiming
{
    /// <summary>A step's phase seconds; null when it reports none of the phases.</summary>
    public static PhaseSeconds? Of(IReadOnlyDictionary<string, double> metrics)
    {
        var gen = Seconds(metrics, StepMetricNames.TimingGeneration);
        var reward = Seconds(metrics, StepMetricNames.TimingReward);
        var update = Seconds(metrics, StepMetricNames.TimingUpdate);
        if (gen is null && reward is null && update is null)
            return null;
        return new PhaseSeconds(gen ?? 0, reward ?? 0, update ?? 0);
    }

    /// <summary>Phase seconds summed over every step that reports any; null when none does.</summary>
    public static PhaseSeconds? Sum(IReadOnlyList<StepRecord> steps)
    {
        PhaseSeconds? sum = null;
        foreach (var step in steps)
        {
            if (Of(step.Metrics) is not { } t)
                continue;
            var s = sum ?? default;
            sum = new PhaseSeconds(s.Generation + t.Generation, s.Reward + t.Reward, s.Update + t.Update);
        }

        return sum;
    }

    // Negative or non-finite timings are recording errors; they would make shares meaningless, so they count as absent.
    static double? Seconds(IReadOnlyDictionary<string, double> metrics, string key) =>
        metrics.TryGetValue(key, out var v) && double.IsFinite(v) && v >= 0 ? v : null;
}
