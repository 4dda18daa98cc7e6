using System.Data.Common;

namespace CoNRec.Storage.Sql;

/// <summary>
/// What differs between the databases behind <see cref="SqlRunStore"/>: how times and JSON are stored, whether
/// rows read for an update are locked, and how a connection, a write transaction and an attempt are made (a
/// SQLite write takes the file lock up front; a PostgreSQL operation is retried on transient failures).
/// The SQL itself is written once, in syntax both databases accept (ON CONFLICT, RETURNING, TRUE/FALSE, IS NOT DISTINCT FROM).
/// </summary>
abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>
    /// Appended to a SELECT whose rows the transaction goes on to update, so concurrent writers take turns
    /// (<paramref name="table"/>: the alias to lock in a join). Empty where writers are already serialised.
    /// </summary>
    public abstract string LockForUpdate(string? table = null);

    /// <summary>A time as a parameter value (whole microseconds, UTC).</summary>
    public abstract object Time(DateTimeOffset value);

    public object? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>Adds a JSON document parameter to <paramref name="command"/>.</summary>
    public virtual void AddJson(DbCommand command, string name, string json) => command.With(name, json);

    /// <summary>An open connection; the caller disposes it.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins the transaction of one write operation.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs one whole operation (a transaction that is safe to repeat); the PostgreSQL dialect retries it on transient failures.</summary>
    public virtual Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        operation(cancellationToken);

    /// <summary>Releases pooled connections.</summary>
    public abstract ValueTask DisposeAsync();
}
