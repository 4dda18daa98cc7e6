using CoNRec.Core.Runs;
using CoNRec.Storage.Migrations;
using Npgsql;

namespace CoNRec.Storage.Postgres;

/// <summary>
/// The cluster run store: one PostgreSQL database shared by every node, through one pooled
/// <see cref="NpgsqlDataSource"/>. The schema is not migrated here (see <see cref="MigrationRunner"/>): opening
/// a database whose schema differs from this build's fails with the command to run. Every operation is one
/// transaction, retried on transient failures (see <see cref="StoreRetryOptions"/>); rows that must stay
/// consistent under concurrent writers are locked with SELECT ... FOR UPDATE.
/// </summary>
public sealed partial class PostgresRunStore : IRunStore
{
    readonly NpgsqlDataSource _dataSource;
    readonly TimeProvider _time;
    readonly RetryPolicy _retry;

    PostgresRunStore(StoreLocation location, NpgsqlDataSource dataSource, StoreRetryOptions retry, TimeProvider time)
    {
        Location = location;
        _dataSource = dataSource;
        _time = time;
        _retry = new RetryPolicy(retry, time, location.Redacted);
    }

    public StoreLocation Location { get; }

    /// <summary>Connects to a migrated database; <see cref="StoreSchemaException"/> when it needs `conrec db migrate`.</summary>
    public static async Task<PostgresRunStore> OpenAsync(StoreLocation location, StoreRetryOptions? retry = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Postgres)
            throw new ArgumentException($"{location} is not a PostgreSQL store location", nameof(location));
        retry ??= new StoreRetryOptions();
        retry.Validate();

        var dataSource = NpgsqlDataSource.Create(location.PostgresConnectionString);
        var store = new PostgresRunStore(location, dataSource, retry, time ?? TimeProvider.System);
        try
        {
            var version = await store.ReadAsync(connection => PostgresMigrations.CurrentVersionAsync(connection, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            var required = MigrationCatalog.LatestVersion(StoreKind.Postgres);
            return version == required ? store : throw new StoreSchemaException(location.Redacted, version, required);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override string ToString() => Location.Redacted;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                return await read(connection).ConfigureAwait(false);
        }, _dataSource.Clear, cancellationToken);

    Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await write(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(token).ConfigureAwait(false);
                    return result;
                }
            }
        }, _dataSource.Clear, cancellationToken);

    static async Task EnsureRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId run, CancellationToken cancellationToken)
    {
        var found = await connection.Command(transaction, "SELECT count(*) FROM runs WHERE id = @id").With("@id", run.Value)
            .ScalarAsync<long>(cancellationToken).ConfigureAwait(false);
        if (found == 0)
            throw RunStoreErrors.UnknownRun(run);
    }
}
