using CoNRec.Storage.Migrations;
using CoNRec.Storage.Postgres;
using CoNRec.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CoNRec.Storage;

/// <summary>
/// Applies the ordered migration files to a store (what `conrec db migrate` runs) and reports schema versions.
/// Applying is idempotent and safe to run from several processes at once.
/// </summary>
public static class MigrationRunner
{
    /// <summary>The schema version this build needs.</summary>
    public static int LatestVersion(StoreKind kind) => MigrationCatalog.LatestVersion(kind);

    /// <summary>The migrations this build knows, in order.</summary>
    public static IReadOnlyList<Migration> Known(StoreKind kind) => MigrationCatalog.For(kind);

    public static async Task<MigrationReport> ApplyAsync(StoreLocation location, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        time ??= TimeProvider.System;
        if (location.Kind == StoreKind.Sqlite)
        {
            var connection = await OpenSqliteAsync(location, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                return await SqliteMigrations.ApplyAsync(connection, time, cancellationToken).ConfigureAwait(false);
        }

        var dataSource = NpgsqlDataSource.Create(location.PostgresConnectionString);
        await using (dataSource.ConfigureAwait(false))
            return await PostgresMigrations.ApplyAsync(dataSource, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The highest applied migration version; 0 for an empty database.</summary>
    public static async Task<int> GetSchemaVersionAsync(StoreLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind == StoreKind.Sqlite)
        {
            var connection = await OpenSqliteAsync(location, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                return await SqliteMigrations.CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }

        var dataSource = NpgsqlDataSource.Create(location.PostgresConnectionString);
        await using (dataSource.ConfigureAwait(false))
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                return await PostgresMigrations.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    static async Task<SqliteConnection> OpenSqliteAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(location.SqlitePath) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);
        return await SqliteDialect.ForFile(location.SqlitePath!).OpenSqliteAsync(cancellationToken).ConfigureAwait(false);
    }
}
