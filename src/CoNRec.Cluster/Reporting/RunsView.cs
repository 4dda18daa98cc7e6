using System.Text;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Reporting;

/// <summary>
/// The text of <c>conrec runs list</c> and <c>conrec runs show &lt;run&gt;</c>: pure functions of store records.
/// Secrets in a run's config or a checkpoint URI are masked (<see cref="SecretRedactor"/>).
/// </summary>
public static class RunsView
{
    /// <summary>The step metrics <c>runs show</c> gives a column of their own, when any recent step has them.</summary>
    static readonly string[] StepColumns =
        [StepMetricNames.RewardMean, StepMetricNames.Kl, StepMetricNames.ClipFraction, StepMetricNames.GradNorm];

    /// <summary>One line per run. Stage and step are the run's resume cursor, which moves with each checkpoint.</summary>
    public static string FormatList(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
            return "No runs.\n";
        var rows = runs.Select(r => (IReadOnlyList<string>)
        [
            r.Id.Value, r.Name, r.Status.ToString(), ReportFormat.Integer(r.Cursor.StageIndex), ReportFormat.Integer(r.Cursor.Step),
            ReportFormat.Time(r.UpdatedAt),
        ]).ToList();
        return TextTable.Format(["ID", "NAME", "STATUS", "STAGE", "STEP", "UPDATED"], rows, new HashSet<int> { 3, 4 });
    }

    /// <param name="recentSteps">The steps to list, by step (e.g. the last 10).</param>
    public static string FormatShow(RunRecord run, IReadOnlyList<StageRecord> stages, IReadOnlyList<StepRecord> recentSteps, CheckpointRecord? latestCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(recentSteps);

        var sb = new StringBuilder();
        Fields(sb, "Run",
        [
            new("Id", run.Id.Value),
            new("Name", run.Name),
            new("Status", run.Status.ToString()),
            new("Seed", ReportFormat.Integer(run.Seed)),
            new("Correlation", run.CorrelationId),
            new("Created", ReportFormat.Time(run.CreatedAt)),
            new("Updated", ReportFormat.Time(run.UpdatedAt)),
            new("Resumes at", $"stage {run.Cursor.StageIndex}, step {ReportFormat.Integer(run.Cursor.Step)}, sampler position {ReportFormat.Integer(run.Cursor.SamplerPosition)}"),
        ]);

        sb.Append("\nStages\n");
        sb.Append(stages.Count == 0
            ? "  none planned\n"
            : TextTable.Format(
                ["#", "NAME", "KIND", "BETA", "STATUS", "SAMPLES", "STARTED", "FINISHED"],
                [.. stages.Select(s => (IReadOnlyList<string>)
                [
                    ReportFormat.Integer(s.Index), s.Name, s.Kind, ReportFormat.Number(s.Beta), s.Status.ToString(),
                    ReportFormat.Samples(s.SamplesDone, s.SampleBudget), ReportFormat.Time(s.StartedAt), ReportFormat.Time(s.FinishedAt),
                ])],
                new HashSet<int> { 0, 3, 5 },
                "  "));

        sb.Append("\nRecent steps\n");
        Steps(sb, recentSteps);

        sb.Append('\n');
        if (latestCheckpoint is null)
            sb.Append("Latest checkpoint\n  none committed\n");
        else
            Fields(sb, "Latest checkpoint", RunReportContent.CheckpointFields(latestCheckpoint));

        if (recentSteps.Count > 0)
        {
            var last = recentSteps[^1];
            sb.Append('\n');
            Fields(sb, $"Metrics at step {ReportFormat.Integer(last.Step)}",
                [.. last.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new KeyValuePair<string, string>(m.Key, ReportFormat.Number(m.Value)))]);
        }

        sb.Append("\nConfig\n");
        foreach (var line in SecretRedactor.RedactJson(run.ConfigJson).Split('\n'))
            sb.Append("  ").Append(line.TrimEnd('\r')).Append('\n');
        return sb.ToString();
    }

    static void Steps(StringBuilder sb, IReadOnlyList<StepRecord> steps)
    {
        if (steps.Count == 0)
        {
            sb.Append("  none recorded\n");
            return;
        }

        var metricColumns = StepColumns.Where(key => steps.Any(s => s.Metrics.ContainsKey(key))).ToArray();
        List<string> header = ["STEP", "STAGE", "VERSION", "SAMPLES", .. metricColumns, "RECORDED"];
        var rows = steps.Select(s => (IReadOnlyList<string>)
        [
            ReportFormat.Integer(s.Step), ReportFormat.Integer(s.StageIndex), s.PolicyVersion.ToString(), ReportFormat.Integer(s.Samples),
            .. metricColumns.Select(key => s.Metrics.TryGetValue(key, out var v) ? ReportFormat.Number(v) : ReportFormat.None),
            ReportFormat.Time(s.RecordedAt),
        ]).ToList();
        sb.Append(TextTable.Format(header, rows, Enumerable.Range(0, 4 + metricColumns.Length).ToHashSet(), "  "));
    }

    static void Fields(StringBuilder sb, string title, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        sb.Append(title).Append('\n');
        var width = fields.Count == 0 ? 0 : fields.Max(f => f.Key.Length);
        foreach (var (key, value) in fields)
            sb.Append("  ").Append(key.PadRight(width)).Append("  ").Append(value).Append('\n');
    }
}
