using System.Data.Common;
using CoNRec.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CoNRec.Storage.Sqlite;

/// <summary>
/// SQLite: times as microseconds since the Unix epoch, JSON as text, no row locks (a write transaction is
/// IMMEDIATE: it takes the file's write lock up front, so concurrent writers queue instead of failing when a
/// read would upgrade to a write), and no retries (a locked file is waited on, see the connection's timeout).
/// </summary>
sealed class SqliteDialect(string connectionString) : SqlDialect
{
    /// <summary>Pooled connections to the file at <paramref name="path"/>, with foreign keys enforced.</summary>
    public static SqliteDialect ForFile(string path) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        // Also how long a writer waits for another's lock before giving up.
        DefaultTimeout = 30,
    }.ToString());

    public override string LockForUpdate(string? table = null) => "";

    public override object Time(DateTimeOffset value) => StoreClock.ToUnixMicroseconds(value);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => StoreClock.FromUnixMicroseconds(reader.GetInt64(ordinal));

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);

    public async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
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

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the run directory can be moved or deleted.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
