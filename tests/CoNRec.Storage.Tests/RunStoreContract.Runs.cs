using CoNRec.Core.Runs;

namespace CoNRec.Storage.Tests;

public abstract partial class RunStoreContract
{
    [Fact]
    public async Task A_created_run_reads_back_pending_at_the_start_cursor()
    {
        var id = RunId.New(Clock);

        var created = await Store.CreateRunAsync(new NewRun(id, "demo", """{"a":1}""", 42, "seq-123"));
        var read = await Store.GetRunAsync(id);

        Assert.Equal(created, read);
        Assert.Equal(RunStatus.Pending, read!.Status);
        Assert.Equal("seq-123", read.CorrelationId);
        Assert.Equal(42, read.Seed);
        Assert.Equal("""{"a":1}""", read.ConfigJson);
        Assert.Equal(Clock.GetUtcNow(), read.CreatedAt);
        Assert.Null(read.LatestCheckpoint);
        Assert.Equal(RunCursor.Start, read.Cursor);
    }

    [Fact]
    public async Task The_correlation_id_defaults_to_the_run_id()
    {
        var id = RunId.New(Clock);

        var created = await Store.CreateRunAsync(new NewRun(id, "demo", "{}", 1));

        Assert.Equal(id.Value, created.CorrelationId);
    }

    [Fact]
    public async Task Creating_the_same_run_again_returns_the_stored_run()
    {
        var request = new NewRun(RunId.New(Clock), "demo", "{}", 1);
        var first = await Store.CreateRunAsync(request);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await Store.CreateRunAsync(request);

        Assert.Equal(first, again);
        Assert.Single(await Store.ListRunsAsync());
    }

    [Fact]
    public async Task Reusing_a_run_id_with_other_settings_is_a_conflict()
    {
        var id = RunId.New(Clock);
        await Store.CreateRunAsync(new NewRun(id, "demo", "{}", 1));

        await Assert.ThrowsAsync<RunStoreConflictException>(() => Store.CreateRunAsync(new NewRun(id, "demo", "{}", 2)));
    }

    [Fact]
    public async Task An_unknown_run_reads_as_null()
    {
        Assert.Null(await Store.GetRunAsync(RunId.New(Clock)));
    }

    [Fact]
    public async Task Runs_are_listed_newest_first()
    {
        var older = await NewRunAsync("older");
        Clock.Advance(TimeSpan.FromHours(1));
        var newer = await NewRunAsync("newer");

        var runs = await Store.ListRunsAsync();

        Assert.Equal([newer, older], runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Updating_the_status_stamps_the_update_time()
    {
        var id = await NewRunAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));

        var updated = await Store.UpdateRunStatusAsync(id, RunStatus.Running);

        Assert.Equal(RunStatus.Running, updated.Status);
        Assert.Equal(Clock.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal(updated, await Store.GetRunAsync(id));
    }

    [Fact]
    public async Task Updating_an_unknown_run_names_it()
    {
        var unknown = RunId.New(Clock);

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.UpdateRunStatusAsync(unknown, RunStatus.Running));

        Assert.Contains(unknown.Value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workers_are_upserted_with_the_time_they_were_last_seen()
    {
        await Store.UpsertWorkerAsync("rollout-1", "akka.tcp://conrec@10.0.0.5:4053", ["rollout"]);
        await Store.UpsertWorkerAsync("learner-1", "akka.tcp://conrec@10.0.0.6:4053", ["learner", "coordinator"]);
        Clock.Advance(TimeSpan.FromSeconds(10));

        var seenAgain = await Store.UpsertWorkerAsync("rollout-1", "akka.tcp://conrec@10.0.0.7:4053", ["rollout", "reward"]);
        var workers = await Store.ListWorkersAsync();

        Assert.Equal(["learner-1", "rollout-1"], workers.Select(w => w.Id));
        Assert.Equal(["learner", "coordinator"], workers[0].Roles);
        Assert.Equal(Clock.GetUtcNow(), seenAgain.LastSeen);
        Assert.Equal("akka.tcp://conrec@10.0.0.7:4053", workers[1].NodeAddress);
        Assert.Equal(["rollout", "reward"], workers[1].Roles);
        Assert.Equal(Clock.GetUtcNow() - TimeSpan.FromSeconds(10), workers[0].LastSeen);
    }
}
