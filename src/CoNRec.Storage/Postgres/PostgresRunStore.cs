using CoNRec.Storage.Migrations;
using CoNRec.Storage.Sql;
using Npgsql;

namespace CoNRec.Storage.Postgres;

/// <summary>
/// The cluster run store: one PostgreSQL database shared by every node, through one pooled
/// <see cref="NpgsqlDataSource"/>. The schema is not migrated here (see <see cref="MigrationRunner"/>): opening
/// a database whose schema differs from this build's fails with the command to run. Every operation is one
/// transaction, retried on transient failures (see <see cref="StoreRetryOptions"/>); rows that must stay
/// consistent under concurrent writers are locked with SELECT ... FOR UPDATE.
/// </summary>
public sealed class PostgresRunStore : SqlRunStore
{
    PostgresRunStore(StoreLocation location, PostgresDialect dialect, TimeProvider time)
        : base(dialect, time) => Location = location;

    public StoreLocation Location { get; }

    /// <summary>Connects to a migrated database; <see cref="StoreSchemaException"/> when it needs `conrec db migrate`.</summary>
    public static async Task<PostgresRunStore> OpenAsync(StoreLocation location, StoreRetryOptions? retry = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Postgres)
            throw new ArgumentException($"{location} is not a PostgreSQL store location", nameof(location));
        retry ??= new StoreRetryOptions();
        retry.Validate();
        time ??= TimeProvider.System;

        var dialect = new PostgresDialect(NpgsqlDataSource.Create(location.PostgresConnectionString), new RetryPolicy(retry, time, location.Redacted));
        var store = new PostgresRunStore(location, dialect, time);
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
}
