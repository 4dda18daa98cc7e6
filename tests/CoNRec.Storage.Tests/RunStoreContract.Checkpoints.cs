using CoNRec.Core.Runs;

namespace CoNRec.Storage.Tests;

public abstract partial class RunStoreContract
{
    [Fact]
    public async Task A_commit_records_the_checkpoint_and_moves_the_run_cursor_with_it()
    {
        var run = await NewRunAsync();
        Clock.Advance(TimeSpan.FromMinutes(3));
        var cursor = new RunCursor(2, 40, 2_560, "rng-state");

        var commit = await Store.CommitCheckpointAsync(Checkpoint(run, 40, fhr: 0.31), cursor, new RetentionPolicy());
        var stored = await Store.GetRunAsync(run);

        Assert.False(commit.AlreadyCommitted);
        Assert.Equal((CheckpointId.For(run, 40), "sha-40", 1_040L, 0.31, true, false), (commit.Checkpoint.Id, commit.Checkpoint.Sha256,
            commit.Checkpoint.SizeBytes, commit.Checkpoint.MetricValue!.Value, commit.Checkpoint.IsBest, commit.Checkpoint.Deleted));
        Assert.Equal(Clock.GetUtcNow(), commit.Checkpoint.CommittedAt);
        Assert.Equal(commit.Checkpoint.Id, stored!.LatestCheckpoint);
        Assert.Equal(cursor, stored.Cursor);
        Assert.Equal(commit.Checkpoint, await Store.GetLatestCheckpointAsync(run));
        Assert.Empty(commit.Retired);
    }

    [Fact]
    public async Task Committing_the_same_checkpoint_again_changes_nothing()
    {
        var run = await NewRunAsync();
        var first = await Store.CommitCheckpointAsync(Checkpoint(run, 10), CursorAt(10), new RetentionPolicy());
        Clock.Advance(TimeSpan.FromSeconds(5));

        var again = await Store.CommitCheckpointAsync(Checkpoint(run, 10), CursorAt(10), new RetentionPolicy());

        Assert.True(again.AlreadyCommitted);
        Assert.Equal(first.Checkpoint, again.Checkpoint);
        Assert.Single(await Store.ListCheckpointsAsync(run));
    }

    [Fact]
    public async Task A_refused_commit_leaves_the_run_and_its_checkpoints_unchanged()
    {
        var run = await NewRunAsync();
        await Store.CommitCheckpointAsync(Checkpoint(run, 20), CursorAt(20), new RetentionPolicy());
        var before = await Store.GetRunAsync(run);

        // Another content for a committed step, and a checkpoint older than the latest (a stale coordinator).
        await Assert.ThrowsAsync<RunStoreConflictException>(() =>
            Store.CommitCheckpointAsync(Checkpoint(run, 20) with { Sha256 = "other" }, CursorAt(20), new RetentionPolicy()));
        await Assert.ThrowsAsync<RunStoreConflictException>(() =>
            Store.CommitCheckpointAsync(Checkpoint(run, 10), CursorAt(10), new RetentionPolicy()));

        Assert.Equal(before, await Store.GetRunAsync(run));
        Assert.Equal([20L], (await Store.ListCheckpointsAsync(run)).Select(c => c.Step));
    }

    [Fact]
    public async Task A_commit_for_an_unknown_run_is_refused()
    {
        var unknown = RunId.New(Clock);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.CommitCheckpointAsync(Checkpoint(unknown, 1), CursorAt(1), new RetentionPolicy()));
    }

    [Fact]
    public async Task Retention_keeps_the_last_k_and_the_best_and_retires_the_rest()
    {
        var run = await NewRunAsync();
        var policy = new RetentionPolicy { KeepLast = 2 };
        double[] fhr = [0.20, 0.45, 0.30, 0.25, 0.35];
        CheckpointCommit last = null!;
        for (var i = 0; i < fhr.Length; i++)
            last = await Store.CommitCheckpointAsync(Checkpoint(run, (i + 1) * 10, fhr[i]), CursorAt((i + 1) * 10), policy);

        var all = await Store.ListCheckpointsAsync(run);

        Assert.Equal([10L, 30], last.Retired.Select(c => c.Step));
        Assert.All(last.Retired, c => Assert.True(c.Deleted));
        Assert.Equal([20L, 40, 50], all.Where(c => !c.Deleted).Select(c => c.Step));
        Assert.Equal([20L], all.Where(c => c.IsBest).Select(c => c.Step));
    }

    [Fact]
    public async Task Retention_can_rank_by_a_metric_to_minimise()
    {
        var run = await NewRunAsync();
        var policy = new RetentionPolicy { KeepLast = 1, Goal = MetricGoal.Minimize };
        await Store.CommitCheckpointAsync(Checkpoint(run, 10, 0.9), CursorAt(10), policy);
        await Store.CommitCheckpointAsync(Checkpoint(run, 20, 0.5), CursorAt(20), policy);

        var commit = await Store.CommitCheckpointAsync(Checkpoint(run, 30, 0.7), CursorAt(30), policy);

        Assert.Equal([10L], commit.Retired.Select(c => c.Step));
        Assert.Equal([20L], (await Store.ListCheckpointsAsync(run)).Where(c => c.IsBest).Select(c => c.Step));
    }

    [Fact]
    public async Task Retired_checkpoints_are_reported_until_forgotten()
    {
        var run = await NewRunAsync();
        var policy = new RetentionPolicy { KeepLast = 1 };
        await Store.CommitCheckpointAsync(Checkpoint(run, 10), CursorAt(10), policy);
        var second = await Store.CommitCheckpointAsync(Checkpoint(run, 20), CursorAt(20), policy);

        // The caller crashed before deleting files: the next commit reports the leftover again.
        var third = await Store.CommitCheckpointAsync(Checkpoint(run, 30), CursorAt(30), policy);
        await Store.ForgetCheckpointsAsync(run, [.. third.Retired.Select(c => c.Id)]);
        await Store.ForgetCheckpointsAsync(run, [.. third.Retired.Select(c => c.Id)]);

        Assert.Equal([10L], second.Retired.Select(c => c.Step));
        Assert.Equal([10L, 20], third.Retired.Select(c => c.Step));
        Assert.Equal([30L], (await Store.ListCheckpointsAsync(run)).Select(c => c.Step));
    }

    [Fact]
    public async Task A_live_checkpoint_cannot_be_forgotten()
    {
        var run = await NewRunAsync();
        var commit = await Store.CommitCheckpointAsync(Checkpoint(run, 10), CursorAt(10), new RetentionPolicy());

        await Assert.ThrowsAsync<RunStoreConflictException>(() => Store.ForgetCheckpointsAsync(run, [commit.Checkpoint.Id]));
        Assert.NotNull(await Store.GetLatestCheckpointAsync(run));
    }

    [Fact]
    public async Task A_run_without_checkpoints_has_no_latest()
    {
        var run = await NewRunAsync();

        Assert.Null(await Store.GetLatestCheckpointAsync(run));
    }
}
