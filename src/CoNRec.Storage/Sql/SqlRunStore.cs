using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

/// <summary>
/// The run store's logic, written once over ADO.NET for both databases (see <see cref="SqlDialect"/> for what
/// differs). Every operation is one transaction; rows that must stay consistent under concurrent writers are
/// read with the dialect's lock. Opened as <see cref="Sqlite.SqliteRunStore"/> or <see cref="Postgres.PostgresRunStore"/>.
/// </summary>
public abstract partial class SqlRunStore : IRunStore
{
    readonly SqlDialect _dialect;
    readonly TimeProvider _time;

    private protected SqlRunStore(SqlDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    private protected Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) =>
        _dialect.RunAsync(async token =>
        {
            var connection = await _dialect.OpenAsync(token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                return await read(connection).ConfigureAwait(false);
        }, cancellationToken);

    private protected Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        _dialect.RunAsync(async token =>
        {
            var connection = await _dialect.OpenAsync(token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await _dialect.BeginWriteAsync(connection, token).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await write(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(token).ConfigureAwait(false);
                    return result;
                }
            }
        }, cancellationToken);

    static async Task EnsureRunAsync(DbConnection connection, DbTransaction transaction, RunId run, CancellationToken cancellationToken)
    {
        var found = await connection.Command(transaction, "SELECT count(*) FROM runs WHERE id = @id").With("@id", run.Value)
            .ScalarAsync<long>(cancellationToken).ConfigureAwait(false);
        if (found == 0)
            throw RunStoreErrors.UnknownRun(run);
    }
}
