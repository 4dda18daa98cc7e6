using System.Text.RegularExpressions;
using CoNRec.Cluster.Pipeline;

namespace CoNRec.Cli.Tests.Console;

public sealed partial class PipelineProgressLinesTests
{
    [Fact]
    public void Each_stage_gets_a_line_per_tenth_it_passes_with_its_detail()
    {
        using var error = new StringWriter();
        var lines = new PipelineProgressLines(error);

        lines.Report(new PipelineProgress("grpo", StageState.Running, 0, ""));
        lines.Report(new PipelineProgress("grpo", StageState.Running, 0, "starting the rollout, reward and learner roles"));
        lines.Report(new PipelineProgress("grpo", StageState.Running, 0.25, "step 1/4, grpo-recent (1/2), reward/mean 0.125"));
        lines.Report(new PipelineProgress("grpo", StageState.Running, 0.26, "step 1/4, grpo-recent (1/2), reward/mean 0.125"));
        lines.Report(new PipelineProgress("grpo", StageState.Running, 0.5, "step 2/4, grpo-recent (1/2), reward/mean 0.250"));
        lines.Report(new PipelineProgress("grpo", StageState.Running, 1, "step 4/4, grpo-negatives (2/2), reward/mean 0.500"));
        lines.Report(new PipelineProgress("grpo", StageState.Completed, 1, "step 4/4, grpo-negatives (2/2), reward/mean 0.500"));

        Assert.Equal(
        [
            "grpo: 25% step 1/4, grpo-recent (1/2), reward/mean 0.125",
            "grpo: 50% step 2/4, grpo-recent (1/2), reward/mean 0.250",
            "grpo: 100% step 4/4, grpo-negatives (2/2), reward/mean 0.500",
        ], WithoutSeconds(error.ToString()));
    }

    [Fact]
    public void Stages_are_counted_apart_and_skipped_or_failed_ones_add_nothing()
    {
        using var error = new StringWriter();
        var lines = new PipelineProgressLines(error);

        lines.Report(new PipelineProgress("data", StageState.Skipped, 1, "already completed"));
        lines.Report(new PipelineProgress("sid", StageState.Running, 0.5, "RQ-VAE epoch 5/10"));
        lines.Report(new PipelineProgress("sft-align", StageState.Running, 0.5, "step 1/2, loss 3.2100"));
        lines.Report(new PipelineProgress("sid", StageState.Completed, 1, "RQ-VAE epoch 10/10"));
        lines.Report(new PipelineProgress("sft-align", StageState.Failed, 0.5, "failed (see the log)"));

        Assert.Equal(["sid: 50% RQ-VAE epoch 5/10", "sft-align: 50% step 1/2, loss 3.2100", "sid: 100% RQ-VAE epoch 10/10"], WithoutSeconds(error.ToString()));
    }

    /// <summary>The lines with their trailing " (12.3s)" checked and removed.</summary>
    static string[] WithoutSeconds(string text) =>
    [
        .. RunResult.Lines(text).Select(line =>
        {
            Assert.Matches(Seconds(), line);
            return Seconds().Replace(line, "");
        }),
    ];

    [GeneratedRegex(@" \(\d+\.\ds\)$")]
    private static partial Regex Seconds();
}
