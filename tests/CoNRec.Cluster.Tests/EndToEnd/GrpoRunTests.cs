using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Tests.Observability;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Grpo;
using CoNRec.Core.Optimization;
using CoNRec.Core.Runs;
using CoNRec.Model.Training;
using CoNRec.Storage.Sqlite;

namespace CoNRec.Cluster.Tests.EndToEnd;

/// <summary>
/// Every role in one ActorSystem (a cluster of one, the coordinator a singleton), a Tiny policy on the small world,
/// a real SQLite run store: two stages of two steps each (2 groups x 2 prompts x 4 samples per step).
/// </summary>
public sealed class GrpoRunTests(TinyWorld world) : IClassFixture<TinyWorld>
{
    static CoordinatorPlan Plan(RunId run, int budget = 8) => new(
        run.Value,
        new CurriculumOptions
        {
            Stages = [new CurriculumStage(0, "grpo-1", StageContext.RecentNegatives, budget, 0.04), new CurriculumStage(1, "grpo-2", StageContext.Negatives, budget, 0.02)],
        },
        new LearningRateSchedule(1e-3, 0, 4),
        GroupsPerStep: 2, AnchorsPerGroup: 2, GroupSize: 4, Seed: 5, LeaseTimeoutMs: 30_000, CheckpointEvery: 3);

    [Fact]
    public async Task A_two_stage_curriculum_runs_to_the_end_with_every_step_stage_and_checkpoint_recorded_once()
    {
        var folder = world.NewFolder("e2e");
        await using var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"));
        var run = RunId.New(TimeProvider.System);
        var events = new CollectingSink();
        using var logger = ConrecLogging.CreateLogger(new LoggingOptions { Console = false }, "test-node", null, null, writeTo => writeTo.Sink(events));
        var options = new GrpoRunOptions(Path.Combine(folder, "run"), new GrpoOptions(), RolloutWorkers: 2, RewardWorkers: 2,
            Retention: new RetentionPolicy { KeepLast = 2 }, Node: ClusterNodeOptions.SingleProcess with { HoconProfiles = ["testing"] });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await GrpoRun.RunAsync(world.Data, Plan(run), store, options, logger, timeout.Token);

        var steps = await store.GetStepsAsync(run);
        var stages = await store.GetStagesAsync(run);
        var checkpoints = await store.ListCheckpointsAsync(run);
        var record = await store.GetRunAsync(run);
        var checkpointRoot = Path.Combine(options.RunFolder, "checkpoints");
        Assert.Equal(4, result.Steps);
        Assert.Equal(4, result.PolicyVersion);
        Assert.Equal(PolicyWeights.PathOf(options.RunFolder, 4), FileArtifacts.VerifiedFile(result.Policy));
        Assert.Equal([1L, 2, 3, 4], steps.Select(s => s.Step));
        Assert.Equal([1L, 2, 3, 4], steps.Select(s => s.PolicyVersion.Value));
        Assert.Equal([0, 0, 1, 1], steps.Select(s => s.StageIndex));
        Assert.All(steps, s => Assert.Equal(4, s.Samples));
        Assert.All(steps, s => Assert.Contains("reward/mean", s.Metrics.Keys));
        Assert.All(steps, s => Assert.True(s.Metrics["timing_s/gen"] > 0));
        Assert.Equal([(StageStatus.Completed, 8L), (StageStatus.Completed, 8L)], stages.Select(s => (s.Status, s.SamplesDone)));
        // Checkpoints at the stage boundary (2), every third step (3) and the end (4); keep-last-2 retired step 2.
        Assert.Equal([3L, 4], checkpoints.Select(c => c.Step));
        Assert.Equal([3L, 4], checkpoints.Select(c => c.PolicyVersion.Value));
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderFor(checkpointRoot, 2)));
        Assert.All(checkpoints, c => Assert.True(Directory.Exists(FileArtifacts.LocalPath(c.Uri))));
        Assert.Equal(RunStatus.Completed, record!.Status);
        Assert.Equal(4, record.Cursor.Step);
        Assert.Equal(CheckpointId.For(run, 4), record.LatestCheckpoint);
        var stepEvents = events.Events.Where(e => e.MessageTemplate.Text == StepLog.Template).ToArray();
        Assert.Equal([1L, 2, 3, 4], stepEvents.Select(e => (long)((Serilog.Events.ScalarValue)e.Properties[LogProperties.Step]).Value!));
        Assert.All(stepEvents, e => Assert.Equal(run.Value, ((Serilog.Events.ScalarValue)e.Properties[LogProperties.RunId]).Value));
        Assert.All(stepEvents, e => Assert.Equal(RoleNames.Coordinator, ((Serilog.Events.ScalarValue)e.Properties[LogProperties.Role]).Value));
    }

    [Fact]
    public async Task A_cancelled_run_is_marked_cancelled_and_resumes_from_its_last_commit_counting_every_step_once()
    {
        var folder = world.NewFolder("e2e-resume");
        await using var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"));
        var run = RunId.New(TimeProvider.System);
        // 24 steps per stage, 48 in all, checkpoints every 3: long enough that the cancel after step 4 lands mid-run
        // even when idle workers re-ask within milliseconds.
        var plan = Plan(run, budget: 96);
        var options = new GrpoRunOptions(Path.Combine(folder, "run"), new GrpoOptions(), Node: ClusterNodeOptions.SingleProcess with { HoconProfiles = ["testing"] });
        using var cancel = new CancellationTokenSource();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var first = GrpoRun.RunAsync(world.Data, plan, store, options, Serilog.Core.Logger.None, cancel.Token);
        while (!first.IsCompleted && (await store.GetStepsAsync(run)).Count < 4) await Task.Delay(20, deadline.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var cancelled = await store.GetRunAsync(run);
        var result = await GrpoRun.RunAsync(world.Data, plan, store, options, Serilog.Core.Logger.None, deadline.Token);

        var steps = await store.GetStepsAsync(run);
        Assert.Equal(RunStatus.Cancelled, cancelled!.Status);
        Assert.InRange(cancelled.Cursor.Step, 3, 47);
        Assert.Equal(48, result.Steps);
        Assert.Equal(48, result.PolicyVersion);
        Assert.Equal(Enumerable.Range(1, 48).Select(i => (long)i), steps.Select(s => s.Step));
        Assert.Equal(Enumerable.Range(1, 48).Select(i => (long)i), steps.Select(s => s.PolicyVersion.Value));
        Assert.Equal([96L, 96], (await store.GetStagesAsync(run)).Select(s => s.SamplesDone));
        Assert.Equal(RunStatus.Completed, (await store.GetRunAsync(run))!.Status);
    }
}
