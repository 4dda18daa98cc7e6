using CoNRec.Core.Runs;
using CoNRec.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace CoNRec.Storage.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file (WAL mode) in the run directory, migrated on open. Each operation
/// opens a pooled connection; writes run in IMMEDIATE transactions, so concurrent writers queue on the file
/// lock instead of failing when a read would upgrade to a write.
/// </summary>
public sealed partial class SqliteRunStore : IRunStore
{
    readonly string _connectionString;
    readonly TimeProvider _time;

    SqliteRunStore(string path, string connectionString, TimeProvider time)
    {
        Path = path;
        _connectionString = connectionString;
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and applies pending migrations.</summary>
    public static async Task<SqliteRunStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        time ??= TimeProvider.System;
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);

        var store = new SqliteRunStore(full, ConnectionStringFor(full), time);
        var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // WAL persists in the file: readers never block the writer, and a crash cannot corrupt a commit.
            await connection.Command(null, "PRAGMA journal_mode = WAL").ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await SqliteMigrations.ApplyAsync(connection, time, cancellationToken).ConfigureAwait(false);
            var version = await SqliteMigrations.CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
            var required = MigrationCatalog.LatestVersion(StoreKind.Sqlite);
            if (version != required)
                throw new StoreSchemaException("sqlite:" + full, version, required);
        }

        return store;
    }

    internal static string ConnectionStringFor(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        // Also how long a writer waits for another's lock before giving up.
        DefaultTimeout = 30,
    }.ToString();

    public override string ToString() => "sqlite:" + Path;

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the run directory can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
            return await read(connection).ConfigureAwait(false);
    }

    async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    static async Task EnsureRunAsync(SqliteConnection connection, SqliteTransaction transaction, RunId run, CancellationToken cancellationToken)
    {
        var found = await connection.Command(transaction, "SELECT count(*) FROM runs WHERE id = @id").With("@id", run.Value)
            .LongAsync(cancellationToken).ConfigureAwait(false);
        if (found == 0)
            throw RunStoreErrors.UnknownRun(run);
    }
}
