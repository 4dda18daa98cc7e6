using CoNRec.Core.Runs;
using CoNRec.Storage.Postgres;

namespace CoNRec.Storage.Tests.Postgres;

/// <summary>The store riding out a PostgreSQL restart (it shares the server with the other tests of its collection, which run one at a time).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests(PostgresServerFixture server)
{
    [Fact]
    public async Task Steps_written_through_a_server_restart_are_all_recorded_exactly_once()
    {
        var location = await server.CreateStoreAsync();
        await MigrationRunner.ApplyAsync(location);
        var retries = 0;
        var retry = new StoreRetryOptions
        {
            FirstDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromMilliseconds(250),
            MaxElapsed = TimeSpan.FromSeconds(30),
            JitterSeed = 1,
            OnRetry = _ => Interlocked.Increment(ref retries),
        };
        await using var store = await PostgresRunStore.OpenAsync(location, retry);
        var run = RunId.New(TimeProvider.System);
        await store.CreateRunAsync(new NewRun(run, "restart", "{}", 1));
        await store.UpsertStagesAsync(run, [new StagePlan(0, "grpo", "grpo-1", 0.04, 1_000_000)]);

        var restarted = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            // Keep writing until the restart is over and some steps have gone through after it.
            long step = 0;
            for (var after = 0; after < 20; step++)
            {
                await store.RecordStepAsync(new StepRecord(run, step, 0, new PolicyVersion(step), 2,
                    new Dictionary<string, double> { ["reward/mean"] = step }, DateTimeOffset.UtcNow));
                if (restarted.Task.IsCompleted)
                    after++;
            }

            return step;
        });
        await Task.Delay(200);
        await server.StopAsync();
        await Task.Delay(500);
        await server.StartAsync();
        restarted.SetResult();
        var written = await writer;

        var steps = await store.GetStepsAsync(run);
        Assert.True(retries > 0, "the restart should have made the store retry");
        Assert.Equal(Enumerable.Range(0, (int)written).Select(i => (long)i), steps.Select(s => s.Step));
        Assert.Equal(written * 2, (await store.GetStagesAsync(run))[0].SamplesDone);
    }
}
