using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Reporting;

/// <summary>One image of a report: written, or skipped with the reason.</summary>
internal sealed record PlotOutcome(string File, string Title, string? SkippedBecause);

/// <summary>The text of a run report, shared by report.md and report.html.</summary>
internal static class RunReportContent
{
    public static ReportDocument Build(RunSnapshot snapshot, IReadOnlyList<EvaluationResult>? evaluation, IReadOnlyList<PlotOutcome> plots, RunReportOptions options)
    {
        var run = snapshot.Run;
        List<ReportBlock> blocks =
        [
            new FieldsBlock(
            [
                new("Run", run.Id.Value),
                new("Name", run.Name),
                new("Status", run.Status.ToString()),
                new("Seed", ReportFormat.Integer(run.Seed)),
                new("Created", ReportFormat.Time(run.CreatedAt)),
                new("Updated", ReportFormat.Time(run.UpdatedAt)),
                new("Resumes at", $"stage {run.Cursor.StageIndex}, step {ReportFormat.Integer(run.Cursor.Step)}"),
            ]),
        ];
        Config(blocks, run.ConfigJson, options.ConfigSettings);
        Stages(blocks, snapshot);
        Steps(blocks, snapshot);
        Checkpoint(blocks, snapshot.LatestCheckpoint);
        FinalMetrics(blocks, snapshot);
        Timing(blocks, snapshot.Steps);
        Evaluation(blocks, evaluation);
        Plots(blocks, plots);
        return new ReportDocument($"Run report: {run.Name} ({run.Id})", blocks);
    }

    static void Config(List<ReportBlock> blocks, string configJson, int limit)
    {
        blocks.Add(new HeadingBlock(2, "Configuration"));
        var settings = ConfigSummary.Settings(configJson);
        if (settings.Count == 0)
        {
            blocks.Add(new ParagraphBlock("The run's config has no settings (or is not JSON)."));
            return;
        }

        blocks.Add(new FieldsBlock([.. settings.Take(limit)]));
        if (settings.Count > limit)
            blocks.Add(new ParagraphBlock($"{settings.Count - limit} more settings not shown."));
    }

    static void Stages(List<ReportBlock> blocks, RunSnapshot snapshot)
    {
        blocks.Add(new HeadingBlock(2, "Stages"));
        if (snapshot.Stages.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No stages are planned."));
            return;
        }

        var stepsPerStage = snapshot.Steps.CountBy(s => s.StageIndex).ToDictionary();
        var rows = snapshot.Stages.Select(s => (IReadOnlyList<string>)
        [
            ReportFormat.Integer(s.Index), s.Name, s.Kind, ReportFormat.Number(s.Beta), s.Status.ToString(),
            ReportFormat.Time(s.StartedAt), ReportFormat.Time(s.FinishedAt), ReportFormat.Samples(s.SamplesDone, s.SampleBudget),
            ReportFormat.Integer(stepsPerStage.GetValueOrDefault(s.Index)),
        ]).ToList();
        blocks.Add(new TableBlock(["#", "Stage", "Kind", "Beta", "Status", "Started", "Finished", "Samples (done / budget)", "Steps"], rows, new HashSet<int> { 0, 3, 7, 8 }));
    }

    static void Steps(List<ReportBlock> blocks, RunSnapshot snapshot)
    {
        blocks.Add(new HeadingBlock(2, "Steps"));
        var steps = snapshot.Steps;
        blocks.Add(new ParagraphBlock(steps.Count == 0
            ? "No steps recorded yet."
            : $"{ReportFormat.Integer(steps.Count)} steps recorded (steps {ReportFormat.Integer(steps[0].Step)} to {ReportFormat.Integer(steps[^1].Step)})."));
    }

    static void Checkpoint(List<ReportBlock> blocks, CheckpointRecord? checkpoint)
    {
        blocks.Add(new HeadingBlock(2, "Latest checkpoint"));
        if (checkpoint is null)
        {
            blocks.Add(new ParagraphBlock("No checkpoint committed yet."));
            return;
        }

        blocks.Add(new FieldsBlock(CheckpointFields(checkpoint)));
    }

    /// <summary>The fields of a checkpoint as both the report and <c>runs show</c> list them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> CheckpointFields(CheckpointRecord c) =>
    [
        new("Id", c.Id.Value),
        new("Step", ReportFormat.Integer(c.Step)),
        new("Stage", ReportFormat.Integer(c.StageIndex)),
        new("Policy version", c.PolicyVersion.ToString()),
        new("Uri", SecretRedactor.RedactText(c.Uri)),
        new("Size", ReportFormat.Bytes(c.SizeBytes)),
        new("Sha256", c.Sha256),
        new("Metric", c.MetricName is null ? ReportFormat.None : $"{c.MetricName} = {ReportFormat.Number(c.MetricValue)}"),
        new("Best", c.IsBest ? "yes" : "no"),
        new("Committed", ReportFormat.Time(c.CommittedAt)),
    ];

    static void FinalMetrics(List<ReportBlock> blocks, RunSnapshot snapshot)
    {
        blocks.Add(new HeadingBlock(2, "Final metrics"));
        if (snapshot.Steps.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No steps recorded yet, so no metrics."));
            return;
        }

        var last = snapshot.Steps[^1];
        blocks.Add(new ParagraphBlock($"At step {ReportFormat.Integer(last.Step)} ({snapshot.StageName(last.StageIndex)}):"));
        var rows = last.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (IReadOnlyList<string>)[m.Key, ReportFormat.Number(m.Value)]).ToList();
        blocks.Add(new TableBlock(["Metric", "Value"], rows, new HashSet<int> { 1 }));
    }

    static void Timing(List<ReportBlock> blocks, IReadOnlyList<StepRecord> steps)
    {
        blocks.Add(new HeadingBlock(2, "Share of step time per phase"));
        if (PhaseTiming.Sum(steps) is not { } seconds || seconds.AsPercent() is not { } percent)
        {
            blocks.Add(new ParagraphBlock(
                $"No step reports timing ({StepMetricNames.TimingGeneration}, {StepMetricNames.TimingReward}, {StepMetricNames.TimingUpdate})."));
            return;
        }

        List<IReadOnlyList<string>> rows =
        [
            ["generation", ReportFormat.Seconds(seconds.Generation), ReportFormat.Percent(percent.Generation)],
            ["reward", ReportFormat.Seconds(seconds.Reward), ReportFormat.Percent(percent.Reward)],
            ["update", ReportFormat.Seconds(seconds.Update), ReportFormat.Percent(percent.Update)],
            ["total", ReportFormat.Seconds(seconds.Total), ReportFormat.Percent(100)],
        ];
        blocks.Add(new TableBlock(["Phase", "Time", "Share"], rows, new HashSet<int> { 1, 2 }));
    }

    static void Evaluation(List<ReportBlock> blocks, IReadOnlyList<EvaluationResult>? evaluation)
    {
        blocks.Add(new HeadingBlock(2, "Evaluation"));
        if (evaluation is not { Count: > 0 })
        {
            blocks.Add(new ParagraphBlock("No evaluation results were given."));
            return;
        }

        blocks.Add(new CodeBlock(ResultTable.Format(evaluation)));
    }

    static void Plots(List<ReportBlock> blocks, IReadOnlyList<PlotOutcome> plots)
    {
        blocks.Add(new HeadingBlock(2, "Plots"));
        foreach (var plot in plots)
        {
            blocks.Add(new HeadingBlock(3, plot.Title));
            blocks.Add(plot.SkippedBecause is { } reason
                ? new ParagraphBlock($"{plot.File} skipped: {reason}.")
                : new ImageBlock(plot.File, plot.Title));
        }
    }
}
