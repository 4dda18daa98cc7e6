using CoNRec.Core.Runs;

namespace CoNRec.Storage.Tests;

public abstract partial class RunStoreContract
{
    [Fact]
    public async Task Stages_read_back_in_order_with_their_plan()
    {
        var run = await NewRunAsync();

        var stages = await Store.GetStagesAsync(run);

        Assert.Equal([0, 1], stages.Select(s => s.Index));
        Assert.Equal(("grpo stage 1", "grpo-1", (double?)0.04, 1_000L), (stages[1].Name, stages[1].Kind, stages[1].Beta, stages[1].SampleBudget));
        Assert.Null(stages[0].Beta);
        Assert.All(stages, s => Assert.Equal(StageStatus.Pending, s.Status));
    }

    [Fact]
    public async Task Upserting_stages_again_changes_the_plan_but_keeps_progress()
    {
        var run = await NewRunAsync();
        await Store.SetStageStatusAsync(run, 1, StageStatus.Running);
        await Store.RecordStepAsync(Step(run, 0, samples: 16));

        await Store.UpsertStagesAsync(run, [new StagePlan(1, "grpo stage 1", "grpo-1", 0.08, 2_000)]);
        var stage = (await Store.GetStagesAsync(run))[1];

        Assert.Equal((0.08, 2_000L), (stage.Beta!.Value, stage.SampleBudget));
        Assert.Equal((StageStatus.Running, 16L), (stage.Status, stage.SamplesDone));
    }

    [Fact]
    public async Task Stage_status_changes_stamp_start_once_and_finish()
    {
        var run = await NewRunAsync();
        var started = Clock.GetUtcNow();
        await Store.SetStageStatusAsync(run, 0, StageStatus.Running);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Store.SetStageStatusAsync(run, 0, StageStatus.Running);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var done = await Store.SetStageStatusAsync(run, 0, StageStatus.Completed);

        Assert.Equal((StageStatus.Completed, started, Clock.GetUtcNow()), (done.Status, done.StartedAt, done.FinishedAt));
        Assert.Equal(done, (await Store.GetStagesAsync(run))[0]);
    }

    [Fact]
    public async Task Setting_the_status_of_an_unknown_stage_is_refused()
    {
        var run = await NewRunAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.SetStageStatusAsync(run, 9, StageStatus.Running));
    }

    [Fact]
    public async Task Steps_round_trip_with_their_metrics_including_nan()
    {
        var run = await NewRunAsync();
        var step = Step(run, 3) with { Metrics = new Dictionary<string, double> { ["kl"] = double.NaN, ["grad_norm"] = 0.1 + 0.2, ["entropy"] = double.PositiveInfinity } };

        Assert.True(await Store.RecordStepAsync(step));
        var read = Assert.Single(await Store.GetStepsAsync(run));

        Assert.Equal((step.Run, step.Step, step.StageIndex, step.PolicyVersion, step.Samples, step.RecordedAt),
            (read.Run, read.Step, read.StageIndex, read.PolicyVersion, read.Samples, read.RecordedAt));
        Assert.True(double.IsNaN(read.Metrics["kl"]));
        Assert.Equal(0.1 + 0.2, read.Metrics["grad_norm"]);
        Assert.Equal(double.PositiveInfinity, read.Metrics["entropy"]);
    }

    [Fact]
    public async Task Recording_the_same_step_twice_is_a_no_op()
    {
        var run = await NewRunAsync();
        Assert.True(await Store.RecordStepAsync(Step(run, 5, samples: 8)));

        var again = await Store.RecordStepAsync(Step(run, 5, samples: 99) with { Metrics = new Dictionary<string, double> { ["kl"] = 9 } });

        Assert.False(again);
        var step = Assert.Single(await Store.GetStepsAsync(run));
        Assert.Equal(0.01, step.Metrics["kl"]);
        Assert.Equal(8, (await Store.GetStagesAsync(run))[1].SamplesDone);
    }

    [Fact]
    public async Task Steps_are_read_in_order_from_a_given_step()
    {
        var run = await NewRunAsync();
        foreach (var s in new long[] { 4, 1, 3, 2 })
            await Store.RecordStepAsync(Step(run, s));

        var steps = await Store.GetStepsAsync(run, fromStep: 2);

        Assert.Equal([2L, 3, 4], steps.Select(s => s.Step));
    }

    [Fact]
    public async Task Samples_done_is_the_sum_of_each_stages_steps()
    {
        var run = await NewRunAsync();
        await Store.RecordStepAsync(Step(run, 0, stage: 0, samples: 10));
        await Store.RecordStepAsync(Step(run, 1, stage: 1, samples: 7));
        await Store.RecordStepAsync(Step(run, 2, stage: 1, samples: 5));

        var stages = await Store.GetStagesAsync(run);

        Assert.Equal([10L, 12], stages.Select(s => s.SamplesDone));
    }

    [Fact]
    public async Task A_step_of_an_undefined_stage_is_refused()
    {
        var run = await NewRunAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.RecordStepAsync(Step(run, 0, stage: 7)));
        Assert.Empty(await Store.GetStepsAsync(run));
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_steps_record_each_step_once()
    {
        var run = await NewRunAsync();
        const int steps = 25;

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var recorded = 0;
            for (var s = 0; s < steps; s++)
            {
                // Each writer goes through the steps in its own order, so they collide on every step.
                var step = (s * (w + 1) + w) % steps;
                if (await Store.RecordStepAsync(Step(run, step, samples: 3)))
                    recorded++;
            }

            return recorded;
        })).ToArray();
        var counts = await Task.WhenAll(writers);

        Assert.Equal(steps, counts.Sum());
        Assert.Equal(Enumerable.Range(0, steps).Select(i => (long)i), (await Store.GetStepsAsync(run)).Select(s => s.Step));
        Assert.Equal(steps * 3, (await Store.GetStagesAsync(run))[1].SamplesDone);
    }

    [Fact]
    public async Task Discarding_after_a_step_removes_later_steps_their_samples_and_leases()
    {
        var run = await NewRunAsync();
        for (var s = 0; s < 5; s++)
            await Store.RecordStepAsync(Step(run, s, samples: 4));
        await Store.GrantLeaseAsync(new LeaseKey(run, 4, 0), 8, "rollout-1", Clock.GetUtcNow().AddMinutes(1));
        await Store.GrantLeaseAsync(new LeaseKey(run, 2, 0), 8, "rollout-1", Clock.GetUtcNow().AddMinutes(1));

        var discarded = await Store.DiscardAfterAsync(run, 2);

        Assert.Equal(2, discarded);
        Assert.Equal([0L, 1, 2], (await Store.GetStepsAsync(run)).Select(s => s.Step));
        Assert.Equal(12, (await Store.GetStagesAsync(run))[1].SamplesDone);
        Assert.Equal([2L], (await Store.ListInFlightAsync(run)).Select(l => l.Key.Step));
        Assert.True(await Store.RecordStepAsync(Step(run, 3)));
    }

    [Fact]
    public async Task Discarding_before_the_latest_checkpoint_is_refused()
    {
        var run = await NewRunAsync();
        await Store.CommitCheckpointAsync(Checkpoint(run, 10), CursorAt(10), new RetentionPolicy());

        await Assert.ThrowsAsync<RunStoreConflictException>(() => Store.DiscardAfterAsync(run, 9));
    }
}
