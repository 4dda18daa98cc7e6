using CoNRec.Storage.Migrations;

namespace CoNRec.Storage.Tests.Migrations;

public sealed class MigrationRunnerTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public async Task A_fresh_sqlite_file_is_migrated_then_a_second_run_is_a_no_op()
    {
        var location = StoreLocation.Sqlite(_folder.PathOf("store.db"));

        var first = await MigrationRunner.ApplyAsync(location);
        var second = await MigrationRunner.ApplyAsync(location);

        Assert.Equal((0, 1), (first.PreviousVersion, first.CurrentVersion));
        Assert.Equal(["0001_initial"], first.Applied.Select(m => m.ToString()));
        Assert.Equal((1, 1), (second.PreviousVersion, second.CurrentVersion));
        Assert.Empty(second.Applied);
        Assert.Equal(1, await MigrationRunner.GetSchemaVersionAsync(location));
    }

    [Fact]
    public async Task An_empty_sqlite_file_reports_schema_version_zero()
    {
        var location = StoreLocation.Sqlite(_folder.PathOf("empty.db"));

        Assert.Equal(0, await MigrationRunner.GetSchemaVersionAsync(location));
    }

    [Fact]
    public void The_embedded_migrations_are_numbered_from_one_for_both_stores()
    {
        Assert.Equal([1], MigrationRunner.Known(StoreKind.Sqlite).Select(m => m.Version));
        Assert.Equal([1], MigrationRunner.Known(StoreKind.Postgres).Select(m => m.Version));
        Assert.Contains("CREATE TABLE leases", MigrationRunner.Known(StoreKind.Postgres)[0].Sql, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
