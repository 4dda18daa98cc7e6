using CoNRec.Core.Runs;
using CoNRec.Storage.Sqlite;

namespace CoNRec.Storage.Tests.Sqlite;

/// <summary>The run store contract on a fresh SQLite file per test.</summary>
public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    readonly TempFolder _folder = new();

    protected override async Task<IRunStore> OpenStoreAsync(TimeProvider time) =>
        await SqliteRunStore.OpenAsync(_folder.PathOf("store.db"), time);

    public void Dispose() => _folder.Dispose();
}
