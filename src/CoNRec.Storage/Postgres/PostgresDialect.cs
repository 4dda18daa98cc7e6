using System.Data.Common;
using CoNRec.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace CoNRec.Storage.Postgres;

/// <summary>
/// PostgreSQL: timestamptz times, jsonb documents, rows read for an update locked with SELECT ... FOR UPDATE,
/// connections from one pooled <see cref="NpgsqlDataSource"/>, and every operation retried on transient failures
/// (dropping the pool's connections after each, since a restarted server has closed them).
/// </summary>
sealed class PostgresDialect(NpgsqlDataSource dataSource, RetryPolicy retry) : SqlDialect
{
    public override string LockForUpdate(string? table = null) => table is null ? " FOR UPDATE" : " FOR UPDATE OF " + table;

    public override object Time(DateTimeOffset value) => StoreClock.Truncate(value);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override void AddJson(DbCommand command, string name, string json) =>
        ((NpgsqlCommand)command).Parameters.AddWithValue(name, NpgsqlDbType.Jsonb, json);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    public override Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        retry.ExecuteAsync(operation, dataSource.Clear, cancellationToken);

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
