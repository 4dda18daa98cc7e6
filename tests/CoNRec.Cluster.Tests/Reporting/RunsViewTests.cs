using CoNRec.Cluster.Reporting;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Tests.Reporting;

public sealed class RunsViewTests
{
    static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    static readonly RunId Id = RunId.Parse("run-20261126-ab12cd");

    static RunRecord Run(string name = "nightly", string config = ReportTestRun.ConfigJson) =>
        new(Id, name, config, 7, RunStatus.Running, "corr-1", Noon.AddHours(-2), Noon, CheckpointId.For(Id, 20), new RunCursor(1, 20, 1_280, "rng-state"));

    static StepRecord Step(long step, int stage, Dictionary<string, double> metrics) =>
        new(Id, step, stage, new PolicyVersion(step), 64, metrics, Noon);

    [Fact]
    public void List_shows_one_aligned_row_per_run()
    {
        var other = Run("baseline") with { Id = RunId.Parse("run-20261125-000001"), Status = RunStatus.Completed, Cursor = new RunCursor(2, 300, 0, null) };

        var text = RunsView.FormatList([Run(), other]);
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Equal(["ID", "NAME", "STATUS", "STAGE", "STEP", "UPDATED"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["run-20261126-ab12cd", "nightly", "Running", "1", "20", "2026-11-26", "12:00:00Z"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["run-20261125-000001", "baseline", "Completed", "2", "300", "2026-11-26", "12:00:00Z"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // Right-aligned step column: both rows end it at the same position.
        Assert.Equal(lines[1].IndexOf(" 20 ", StringComparison.Ordinal) + 3, lines[2].IndexOf("300 ", StringComparison.Ordinal) + 3);
    }

    [Fact]
    public void List_of_no_runs_says_so() => Assert.Equal("No runs.\n", RunsView.FormatList([]));

    [Fact]
    public void Show_lists_stages_recent_steps_the_checkpoint_and_the_latest_metrics()
    {
        StageRecord[] stages =
        [
            new(Id, 0, "sft warm-up", "sft-warmup", null, 640, 640, StageStatus.Completed, Noon.AddHours(-2), Noon.AddHours(-1)),
            new(Id, 1, "grpo stage 1", "grpo-1", 0.04, 1_280, 640, StageStatus.Running, Noon.AddHours(-1), null),
        ];
        StepRecord[] steps =
        [
            Step(19, 1, new() { ["reward/mean"] = 0.25, ["kl"] = 0.012 }),
            Step(20, 1, new() { ["reward/mean"] = 0.3125, ["kl"] = 0.015, ["clip_frac"] = 0.1 }),
        ];
        var checkpoint = new CheckpointRecord(CheckpointId.For(Id, 20), Id, 20, 1, new PolicyVersion(20), "https://u:pw-9@store/ckpt/20",
            "abcd", 3 * 1024 * 1024, "fhr@20", 0.3, true, Noon, false);

        var text = RunsView.FormatShow(Run(), stages, steps, checkpoint);

        Assert.Contains("  Status       Running", text);
        Assert.Contains("  Resumes at   stage 1, step 20, sampler position 1280", text);
        Assert.Matches(@"\n  1  grpo stage 1  grpo-1      0\.04  Running    640 / 1280  2026-11-26 11:00:00Z  -\n", text);
        Assert.Matches(@"\n  STEP  STAGE  VERSION  SAMPLES  reward/mean     kl  clip_frac  RECORDED\n", text);
        Assert.Matches(@"\n    20      1       20       64       0\.3125  0\.015        0\.1  2026-11-26 12:00:00Z\n", text);
        Assert.Matches(@"\n    19      1       19       64         0\.25  0\.012          -  ", text);
        Assert.Contains("run-20261126-ab12cd/step-00000020", text);
        Assert.Contains("3.0 MiB", text);
        Assert.Contains("https://u:***@store/ckpt/20", text);
        Assert.Contains("Metrics at step 20\n  clip_frac    0.1\n", text);
        Assert.DoesNotContain("rng-state", text);
    }

    [Fact]
    public void Show_masks_every_secret_in_the_config()
    {
        var text = RunsView.FormatShow(Run(), [], [], null);

        Assert.All(ReportTestRun.Secrets, secret => Assert.DoesNotContain(secret, text));
        Assert.Contains("postgres://conrec:***@db.internal:5432/runs", text);
        Assert.Contains("\"password\": \"***\"", text);
        Assert.Contains("\"apiKey\": \"***\"", text);
        Assert.Contains("\"maxTokens\": 512", text);
    }

    [Fact]
    public void Show_of_a_new_run_says_what_is_missing()
    {
        var text = RunsView.FormatShow(Run(), [], [], null);

        Assert.Contains("Stages\n  none planned\n", text);
        Assert.Contains("Recent steps\n  none recorded\n", text);
        Assert.Contains("Latest checkpoint\n  none committed\n", text);
    }
}
