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
    public async Task Training_the_same_folder_again_skips_every_stage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var again = await new TrainingPipeline(SmallRun.Config(), small.RunFolder, Serilog.Core.Logger.None, node: SmallRun.Node).RunAsync(timeout.Token);

        Assert.Equal(small.First.Run, again.Run);
        Assert.All(again.Stages, s => Assert.True(s.Skipped, s.Stage));
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
