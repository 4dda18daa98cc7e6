using CoNRec.Storage.Tests.Postgres;

namespace CoNRec.Storage.Tests.Migrations;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationRunnerTests(PostgresServerFixture server)
{
    [Fact]
    public async Task A_fresh_database_is_migrated_then_a_second_run_is_a_no_op()
    {
        var location = await server.CreateStoreAsync();

        var first = await MigrationRunner.ApplyAsync(location);
        var second = await MigrationRunner.ApplyAsync(location);

        Assert.Equal((0, 1), (first.PreviousVersion, first.CurrentVersion));
        Assert.Equal(["0001_initial"], first.Applied.Select(m => m.ToString()));
        Assert.Equal((1, 1), (second.PreviousVersion, second.CurrentVersion));
        Assert.Empty(second.Applied);
        Assert.Equal(1, await MigrationRunner.GetSchemaVersionAsync(location));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_once()
    {
        var location = await server.CreateStoreAsync();

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrationRunner.ApplyAsync(location))));

        Assert.Equal(1, reports.Sum(r => r.Applied.Count));
        Assert.All(reports, r => Assert.Equal(1, r.CurrentVersion));
    }
}
