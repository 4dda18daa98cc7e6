using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Runs;
using CoNRec.Storage;

namespace CoNRec.Cluster.Tests.Pipeline;

public sealed class TrainingPipelineTests(SmallRun small) : IClassFixture<SmallRun>
{
    [Fact]
    public async Task A_small_run_records_every_stage_completed_and_each_grpo_step_once()
    {
        await using var store = await RunStore.OpenAsync(StoreLocation.DefaultFor(small.RunFolder));

        var stages = await store.GetStagesAsync(small.First.Run);
        var grpoStages = await store.GetStagesAsync(small.First.GrpoRun);
        var steps = await store.GetStepsAsync(small.First.GrpoRun);
        var run = await store.GetRunAsync(small.First.Run);

        Assert.Equal(PipelineStages.All, stages.Select(s => s.Name));
        Assert.All(stages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.All(stages, s => Assert.True(s.StartedAt <= s.FinishedAt));
        Assert.All(small.First.Stages, s => Assert.False(s.Skipped));
        Assert.Equal(["grpo-recent", "grpo-negatives"], grpoStages.Select(s => s.Name));
        Assert.All(grpoStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal([1L, 2], steps.Select(s => s.Step));
        Assert.Equal(RunStatus.Completed, run!.Status);
        Assert.True(File.Exists(Path.Combine(small.RunFolder, RunLayout.EvaluationFile)));
        Assert.Contains("conrec-grpo", small.First.EvaluationTable);
        Assert.Contains("popularity", small.First.EvaluationTable, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_stage_reports_progress_that_only_moves_forward_from_running_to_completed()
    {
        foreach (var stage in PipelineStages.All)
        {
            var reports = small.Progress.Of(stage);

            Assert.True(reports.Count >= 2, $"{stage}: {reports.Count} reports");
            Assert.Equal(StageState.Running, reports[0].State);
            Assert.All(reports.SkipLast(1), r => Assert.Equal(StageState.Running, r.State));
            Assert.Equal(new PipelineProgress(stage, StageState.Completed, 1, reports[^2].Detail), reports[^1]);
            for (var i = 1; i < reports.Count; i++)
                Assert.True(reports[i].Fraction >= reports[i - 1].Fraction, $"{stage}: {reports[i - 1].Fraction} -> {reports[i].Fraction}");
        }
        Assert.Equal(PipelineStages.All, small.Progress.Reports.Select(r => r.Stage).Distinct());
    }

    [Fact]
    public void Each_stage_reports_its_own_units_of_work()
    {
        string[] Details(string stage) => [.. small.Progress.Of(stage).Select(r => r.Detail)];

        Assert.Contains("synthetic world, 300/300 users", Details(PipelineStages.Data));
        Assert.Equal([.. Enumerable.Range(1, 10).Select(e => $"RQ-VAE epoch {e}/10")], Details(PipelineStages.Sid).Skip(1).Distinct());
        Assert.Equal(["step 1/3", "step 2/3", "step 3/3"], Details(PipelineStages.AlignmentSft).Skip(1).Select(d => d.Split(',')[0]).Distinct());
        Assert.Equal(["step 1/3", "step 2/3", "step 3/3"], Details(PipelineStages.WarmupSft).Skip(1).Select(d => d.Split(',')[0]).Distinct());
        var grpo = Details(PipelineStages.Grpo);
        Assert.StartsWith("step 1/2, grpo-recent (1/2), reward/mean ", grpo[2], StringComparison.Ordinal);
        Assert.StartsWith("step 2/2, grpo-negatives (2/2), reward/mean ", grpo[3], StringComparison.Ordinal);
        Assert.Contains(small.Progress.Of(PipelineStages.Evaluation),
            r => r.Detail.StartsWith("beam search conrec-grpo", StringComparison.Ordinal) && r.Fraction is > 0.05 and < 0.9);
    }

    [Fact]
    public async Task Training_the_same_folder_again_skips_every_stage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var progress = new ProgressRecorder();

        var again = await new TrainingPipeline(SmallRun.Config(), small.RunFolder, Serilog.Core.Logger.None, node: SmallRun.Node, progress: progress)
            .RunAsync(timeout.Token);

        Assert.Equal(small.First.Run, again.Run);
        Assert.All(again.Stages, s => Assert.True(s.Skipped, s.Stage));
        Assert.Equal([.. PipelineStages.All.Select(s => new PipelineProgress(s, StageState.Skipped, 1, "already completed"))], progress.Reports);
        await using var store = await RunStore.OpenAsync(StoreLocation.DefaultFor(small.RunFolder));
        Assert.Equal([1L, 2], (await store.GetStepsAsync(again.GrpoRun)).Select(s => s.Step));
    }

    [Fact]
    public async Task A_changed_config_is_refused_naming_the_changed_setting()
    {
        var changed = SmallRun.Config() with { WarmupSft = SmallRun.Config().WarmupSft with { Steps = 5 } };

        var error = await Assert.ThrowsAsync<RunConfigChangedException>(
            () => new TrainingPipeline(changed, small.RunFolder, Serilog.Core.Logger.None, node: SmallRun.Node).RunAsync());

        Assert.Equal(["warmupSft.steps"], error.ChangedSettings);
        Assert.Contains("warmupSft.steps", error.Message);
    }

    [Fact]
    public void A_store_or_logging_change_keeps_the_fingerprint()
    {
        var config = SmallRun.Config();

        var moved = config with { Store = new StoreSection { Location = "other.db" } };

        Assert.Equal(config.Fingerprint, moved.Fingerprint);
    }
}
