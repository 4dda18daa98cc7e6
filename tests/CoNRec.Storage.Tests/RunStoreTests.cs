using CoNRec.Storage.Sqlite;

namespace CoNRec.Storage.Tests;

public sealed class RunStoreTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public async Task The_embedded_default_opens_a_migrated_sqlite_store_in_the_run_directory()
    {
        var location = StoreLocation.DefaultFor(_folder.PathOf("run"));

        await using var store = await RunStore.OpenAsync(location);

        Assert.Equal(_folder.PathOf("run/store.db"), Assert.IsType<SqliteRunStore>(store).Path);
        Assert.Equal(MigrationRunner.LatestVersion(StoreKind.Sqlite), await MigrationRunner.GetSchemaVersionAsync(location));
    }

    public void Dispose() => _folder.Dispose();
}
