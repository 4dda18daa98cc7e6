using System.Text;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Reporting;

/// <summary>What <see cref="RunReport.WriteAsync(IRunStore, RunId, string, IReadOnlyList{EvaluationResult}?, RunReportOptions, CancellationToken)"/> wrote.</summary>
/// <param name="Files">The file names written into <paramref name="Folder"/>.</param>
/// <param name="Notes">Why a plot was skipped, one line each (e.g. "kl.png skipped: no step reports kl").</param>
public sealed record RunReportResult(string Folder, IReadOnlyList<string> Files, IReadOnlyList<string> Notes);

/// <summary>
/// <c>conrec report &lt;run&gt;</c>: PNG plots of a run's step metrics with its stage boundaries, the evaluation
/// table as an image, and a summary as report.md and report.html. The folder appears complete or not at all:
/// everything is written to a temporary sibling folder that is then renamed into place.
/// </summary>
public static class RunReport
{
    public const string RewardPng = "reward.png";
    public const string KlPng = "kl.png";
    public const string ClipFractionPng = "clip_frac.png";
    public const string TimingPng = "timing.png";
    public const string EvaluationPng = "evaluation.png";
    public const string Markdown = "report.md";
    public const string Html = "report.html";

    /// <summary>Every file a report may hold: an existing folder with anything else is not replaced.</summary>
    public static IReadOnlySet<string> FileNames { get; } =
        new HashSet<string>([RewardPng, KlPng, ClipFractionPng, TimingPng, EvaluationPng, Markdown, Html], StringComparer.Ordinal);

    public static Task<RunReportResult> WriteAsync(
        IRunStore store, RunId run, string outputFolder, IReadOnlyList<EvaluationResult>? evaluation, CancellationToken cancellationToken = default) =>
        WriteAsync(store, run, outputFolder, evaluation, RunReportOptions.Default, cancellationToken);

    public static async Task<RunReportResult> WriteAsync(
        IRunStore store,
        RunId run,
        string outputFolder,
        IReadOnlyList<EvaluationResult>? evaluation,
        RunReportOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var snapshot = await RunSnapshot.ReadAsync(store, run, cancellationToken).ConfigureAwait(false);
        var target = Path.GetFullPath(outputFolder);
        ReportFolder.EnsureReplaceable(target, FileNames);
        var temp = ReportFolder.CreateTemporarySibling(target);
        try
        {
            var plots = RunReportPlots.Write(temp, snapshot, evaluation, options, cancellationToken);
            var document = RunReportContent.Build(snapshot, evaluation, plots, options);
            await File.WriteAllTextAsync(Path.Combine(temp, Markdown), MarkdownReport.Render(document), Utf8, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, Html), HtmlReport.Render(document), Utf8, cancellationToken).ConfigureAwait(false);
            ReportFolder.Replace(temp, target);

            var files = plots.Where(p => p.SkippedBecause is null).Select(p => p.File).Append(Markdown).Append(Html).ToList();
            var notes = plots.Where(p => p.SkippedBecause is not null).Select(p => $"{p.File} skipped: {p.SkippedBecause}").ToList();
            return new RunReportResult(target, files, notes);
        }
        finally
        {
            ReportFolder.DeleteQuietly(temp);
        }
    }

    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
}
