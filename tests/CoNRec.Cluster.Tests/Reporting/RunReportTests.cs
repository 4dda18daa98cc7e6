using System.Globalization;
using System.Text.RegularExpressions;
using CoNRec.Cluster.Reporting;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Tests.Reporting;

public sealed class RunReportTests
{
    static readonly RunReportOptions SmallPlots = new() { PlotWidth = 640, PlotHeight = 360 };

    [Fact]
    public async Task Report_writes_every_plot_at_the_requested_size_and_both_summaries()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateTrainedRunAsync();

        var result = await RunReport.WriteAsync(test.Store, run, test.ReportFolder, ReportTestRun.Evaluation(), SmallPlots);

        Assert.Empty(result.Notes);
        string[] expected = [RunReport.RewardPng, RunReport.KlPng, RunReport.ClipFractionPng, RunReport.TimingPng, RunReport.EvaluationPng, RunReport.Markdown, RunReport.Html];
        Assert.Equal(expected.Order(), result.Files.Order());
        Assert.Equal(expected.Order(), Directory.GetFiles(test.ReportFolder).Select(Path.GetFileName).Order());
        foreach (var plot in new[] { RunReport.RewardPng, RunReport.KlPng, RunReport.ClipFractionPng, RunReport.TimingPng })
        {
            var path = Path.Combine(test.ReportFolder, plot);
            Assert.Equal((640, 360), PngHeader.Read(path));
            Assert.True(new FileInfo(path).Length > 5_000, $"{plot} is only {new FileInfo(path).Length} bytes");
        }

        var (width, height) = PngHeader.Read(Path.Combine(test.ReportFolder, RunReport.EvaluationPng));
        Assert.InRange(width, 300, 4_000);
        Assert.InRange(height, 60, 400);
        // No temporary folder is left next to the report.
        Assert.Equal(["report", "runs.db"], Directory.GetFileSystemEntries(test.Folder).Select(Path.GetFileName).Where(n => !n!.StartsWith("runs.db-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Report_markdown_lists_the_stages_the_checkpoint_the_timing_shares_and_the_evaluation_table()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateTrainedRunAsync();
        var evaluation = ReportTestRun.Evaluation();

        await RunReport.WriteAsync(test.Store, run, test.ReportFolder, evaluation, SmallPlots);
        var markdown = await File.ReadAllTextAsync(Path.Combine(test.ReportFolder, RunReport.Markdown));

        Assert.Contains(run.Value, markdown);
        foreach (var stage in ReportTestRun.Stages)
            Assert.Contains(stage.Name, markdown);
        Assert.Contains("30 steps recorded (steps 0 to 29)", markdown);
        Assert.Contains(CheckpointId.For(run, 25).Value, markdown);
        Assert.Contains("```text\n" + ResultTable.Format(evaluation), markdown);
        Assert.Contains("![Reward by step](reward.png)", markdown);
        Assert.Contains("(evaluation.png)", markdown);

        // Hand-computed: 20 GRPO steps of (2, 1, 1) s and 10 SFT steps of 0.5 s update: 40 / 20 / 25 of 85 s.
        var shares = TimingShares(markdown);
        Assert.Equal(100.0 * 40 / 85, shares["generation"], 0.05);
        Assert.Equal(100.0 * 20 / 85, shares["reward"], 0.05);
        Assert.Equal(100.0 * 25 / 85, shares["update"], 0.05);
        Assert.Equal(100.0, shares["generation"] + shares["reward"] + shares["update"], 0.2);
    }

    [Fact]
    public async Task Report_html_is_self_contained_references_the_images_and_escapes_text()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateTrainedRunAsync(name: "<b>bold</b> & co");

        await RunReport.WriteAsync(test.Store, run, test.ReportFolder, ReportTestRun.Evaluation(), SmallPlots);
        var html = await File.ReadAllTextAsync(Path.Combine(test.ReportFolder, RunReport.Html));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; co", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        foreach (var image in new[] { RunReport.RewardPng, RunReport.KlPng, RunReport.ClipFractionPng, RunReport.TimingPng, RunReport.EvaluationPng })
            Assert.Contains($"<img src=\"{image}\"", html);
        Assert.Contains("grpo stage 2", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task Report_skips_a_plot_whose_metric_no_step_reports_and_says_so()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateEmptyRunAsync();
        await test.Store.RecordStepAsync(new StepRecord(run, 0, 1, new PolicyVersion(0), 8, new Dictionary<string, double> { ["reward/mean"] = 0.3 }, DateTimeOffset.UtcNow));

        var result = await RunReport.WriteAsync(test.Store, run, test.ReportFolder, evaluation: null, SmallPlots);
        var markdown = await File.ReadAllTextAsync(Path.Combine(test.ReportFolder, RunReport.Markdown));

        Assert.True(File.Exists(Path.Combine(test.ReportFolder, RunReport.RewardPng)));
        Assert.False(File.Exists(Path.Combine(test.ReportFolder, RunReport.KlPng)));
        Assert.False(File.Exists(Path.Combine(test.ReportFolder, RunReport.EvaluationPng)));
        Assert.Contains("kl.png skipped: no step reports kl", result.Notes);
        Assert.Contains("kl.png skipped: no step reports kl.", markdown);
        Assert.Contains("clip\\_frac.png skipped", markdown);
        Assert.Contains("No step reports timing", markdown);
        Assert.Contains("No evaluation results were given.", markdown);
    }

    [Fact]
    public async Task Report_of_a_run_without_steps_says_so_and_draws_no_plots()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateEmptyRunAsync();

        var result = await RunReport.WriteAsync(test.Store, run, test.ReportFolder, evaluation: null);
        var markdown = await File.ReadAllTextAsync(Path.Combine(test.ReportFolder, RunReport.Markdown));

        Assert.Equal([RunReport.Markdown, RunReport.Html], result.Files);
        Assert.Equal(4, result.Notes.Count);
        Assert.All(result.Notes, note => Assert.EndsWith("skipped: no steps recorded", note));
        Assert.Contains("No steps recorded yet.", markdown);
        Assert.Contains("No checkpoint committed yet.", markdown);
        Assert.Empty(Directory.GetFiles(test.ReportFolder, "*.png"));
    }

    [Fact]
    public async Task Report_never_shows_the_secrets_in_the_run_config()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateTrainedRunAsync();

        await RunReport.WriteAsync(test.Store, run, test.ReportFolder, evaluation: null, SmallPlots);

        foreach (var file in new[] { RunReport.Markdown, RunReport.Html })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(test.ReportFolder, file));
            Assert.All(ReportTestRun.Secrets, secret => Assert.DoesNotContain(secret, text));
            Assert.Contains("512", text); // grpo.maxTokens is not a secret
        }
    }

    [Fact]
    public async Task Report_replaces_an_earlier_report_but_not_a_folder_holding_other_files()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var run = await test.CreateTrainedRunAsync();
        await RunReport.WriteAsync(test.Store, run, test.ReportFolder, ReportTestRun.Evaluation(), SmallPlots);

        await RunReport.WriteAsync(test.Store, run, test.ReportFolder, evaluation: null, SmallPlots);

        Assert.False(File.Exists(Path.Combine(test.ReportFolder, RunReport.EvaluationPng)));
        var error = await Assert.ThrowsAsync<IOException>(() => RunReport.WriteAsync(test.Store, run, test.Folder, evaluation: null, SmallPlots));
        Assert.Contains("runs.db", error.Message);
        Assert.True(File.Exists(Path.Combine(test.Folder, "runs.db")));
    }

    [Fact]
    public async Task Report_of_an_unknown_run_names_it()
    {
        await using var test = await ReportTestRun.OpenAsync();
        var missing = RunId.Parse("run-20260101-abcdef");

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => RunReport.WriteAsync(test.Store, missing, test.ReportFolder, evaluation: null));

        Assert.Contains("run-20260101-abcdef", error.Message);
        Assert.False(Directory.Exists(test.ReportFolder));
    }

    [Fact]
    public void Report_options_name_the_bad_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new RunReportOptions { PlotWidth = 10 }.Validate());

        Assert.Contains("report.plotWidth", error.Message);
    }

    // Rows of the timing table: "| generation | 40.00 s | 47.1 % |".
    static Dictionary<string, double> TimingShares(string markdown) =>
        Regex.Matches(markdown, @"^\| (generation|reward|update) \| [0-9.]+ s \| ([0-9.]+) % \|$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
}
