using CoNRec.Core.Runs;
using Serilog;
using Serilog.Core.Enrichers;
using Serilog.Events;

namespace CoNRec.Cluster.Observability;

/// <summary>Writes the one Information event that summarises a training step.</summary>
public static class StepLog
{
    public const string Template = "Step {Step} of {Stage:l}: reward {RewardMean:0.000} kl {Kl:0.0000} in {StepSeconds:0.00}s";

    /// <summary>
    /// One event with RunId, Stage, Step and PolicyVersion, the three message properties of <see cref="Template"/>,
    /// and every metric of <paramref name="summary"/> as its own top-level property named by
    /// <see cref="MetricNames.PropertyName"/> ("reward/mean" -> reward_mean), so Seq can chart and filter each.
    /// </summary>
    public static void Write(ILogger logger, RunId run, string stage, long step, PolicyVersion policyVersion, StepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        ArgumentNullException.ThrowIfNull(summary);
        if (!logger.IsEnabled(LogEventLevel.Information))
            return;

        var metrics = summary.Metrics;
        var enrichers = new PropertyEnricher[metrics.Count + 2];
        var i = 0;
        enrichers[i++] = new PropertyEnricher(LogProperties.RunId, run.Value);
        enrichers[i++] = new PropertyEnricher(LogProperties.PolicyVersion, policyVersion.Value);
        foreach (var (name, value) in metrics)
            enrichers[i++] = new PropertyEnricher(MetricNames.PropertyName(name), value);

        logger.ForContext(enrichers)
            .Information(Template, step, stage, summary.RewardMean, summary.Kl, summary.StepSeconds);
    }
}
