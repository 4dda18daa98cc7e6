using CoNRec.Core.Runs;
using CoNRec.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CoNRec.Storage.Tests.Sqlite;

public sealed class SqliteRunStoreFileTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public async Task Opening_creates_the_file_and_its_folder_in_wal_mode()
    {
        var path = _folder.PathOf("runs/demo/store.db");

        await using (await SqliteRunStore.OpenAsync(path))
        {
        }

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_committed_checkpoint_survives_reopening_the_file()
    {
        var path = _folder.PathOf("store.db");
        var run = RunId.New(TimeProvider.System);
        await using (var store = await SqliteRunStore.OpenAsync(path))
        {
            await store.CreateRunAsync(new NewRun(run, "demo", "{}", 1));
            await store.UpsertStagesAsync(run, [new StagePlan(0, "sft", "sft-align", null, 10)]);
            await store.CommitCheckpointAsync(
                new NewCheckpoint(CheckpointId.For(run, 5), run, 5, 0, new PolicyVersion(5), "ckpt/5", "abc", 10),
                new RunCursor(0, 5, 320, "rng"), new RetentionPolicy());
        }

        await using var reopened = await SqliteRunStore.OpenAsync(path);
        var stored = await reopened.GetRunAsync(run);

        Assert.Equal(new RunCursor(0, 5, 320, "rng"), stored!.Cursor);
        Assert.Equal("abc", (await reopened.GetLatestCheckpointAsync(run))!.Sha256);
    }

    public void Dispose() => _folder.Dispose();
}
