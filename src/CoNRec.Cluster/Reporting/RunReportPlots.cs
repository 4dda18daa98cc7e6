using CoNRec.Core.Evaluation;

namespace CoNRec.Cluster.Reporting;

/// <summary>Draws the images of a run report into a folder; a plot without data is skipped with the reason.</summary>
internal static class RunReportPlots
{
    public static IReadOnlyList<PlotOutcome> Write(
        string folder, RunSnapshot snapshot, IReadOnlyList<EvaluationResult>? evaluation, RunReportOptions options, CancellationToken cancellationToken)
    {
        var steps = snapshot.Steps;
        var boundaries = StepSeries.Boundaries(snapshot.Stages, steps);
        var outcomes = new List<PlotOutcome>();

        Metric(RunReport.RewardPng, "Reward by step", StepMetricNames.RewardMean, withBand: true);
        Metric(RunReport.KlPng, "KL divergence to the reference policy by step", StepMetricNames.Kl, withBand: false);
        Metric(RunReport.ClipFractionPng, "Clipped fraction of the policy ratio by step", StepMetricNames.ClipFraction, withBand: false);

        cancellationToken.ThrowIfCancellationRequested();
        const string timingTitle = "Share of step time per phase";
        if (PhaseTiming.Sum(steps)?.AsPercent() is null)
        {
            outcomes.Add(new PlotOutcome(RunReport.TimingPng, timingTitle, steps.Count == 0 ? "no steps recorded" : "no step reports timing_s/*"));
        }
        else
        {
            RunPlots.Timing(Path.Combine(folder, RunReport.TimingPng), steps, boundaries, options);
            outcomes.Add(new PlotOutcome(RunReport.TimingPng, timingTitle, null));
        }

        if (evaluation is { Count: > 0 })
        {
            cancellationToken.ThrowIfCancellationRequested();
            EvaluationTableImage.Write(Path.Combine(folder, RunReport.EvaluationPng), evaluation);
            outcomes.Add(new PlotOutcome(RunReport.EvaluationPng, "Evaluation", null));
        }

        return outcomes;

        void Metric(string file, string title, string key, bool withBand)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!StepSeries.Has(steps, key))
            {
                outcomes.Add(new PlotOutcome(file, title, steps.Count == 0 ? "no steps recorded" : $"no step reports {key}"));
                return;
            }

            var line = StepSeries.Segments(steps, key);
            var band = withBand && StepSeries.Has(steps, StepMetricNames.RewardStd) ? Band(key, StepMetricNames.RewardStd) : null;
            RunPlots.Metric(Path.Combine(folder, file), title, key, line, band, boundaries, options);
            outcomes.Add(new PlotOutcome(file, title, null));
        }

        SeriesBand Band(string mean, string std) => new(
            StepSeries.Segments(steps, m => Both(m, mean, std) is { } b ? b.Mean - b.Std : null),
            StepSeries.Segments(steps, m => Both(m, mean, std) is { } b ? b.Mean + b.Std : null),
            $"± {std}");

        static (double Mean, double Std)? Both(IReadOnlyDictionary<string, double> m, string mean, string std) =>
            m.TryGetValue(mean, out var mu) && m.TryGetValue(std, out var sigma) && double.IsFinite(sigma) ? (mu, sigma) : null;
    }
}
