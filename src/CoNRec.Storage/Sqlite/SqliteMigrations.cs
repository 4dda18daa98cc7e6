using CoNRec.Storage.Migrations;
using CoNRec.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CoNRec.Storage.Sqlite;

/// <summary>
/// Applies the SQLite migrations. Each runs in its own IMMEDIATE transaction together with its
/// schema_migrations row, and the applied version is re-read inside it, so two processes opening the same
/// file at once apply each migration once.
/// </summary>
static class SqliteMigrations
{
    const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at INTEGER NOT NULL
        ) STRICT
        """;

    public static async Task<MigrationReport> ApplyAsync(SqliteConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        await connection.Command(null, CreateTable).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        var previous = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var applied = new List<Migration>();
        foreach (var migration in MigrationCatalog.For(StoreKind.Sqlite))
        {
            using var transaction = connection.BeginTransaction();
            if (await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) >= migration.Version)
                continue;
            await connection.Command(transaction, migration.Sql).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command(transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)")
                .With("@version", migration.Version)
                .With("@name", migration.Name)
                .With("@at", StoreClock.ToUnixMicroseconds(time.GetUtcNow()))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration);
        }

        return new MigrationReport(previous, await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false), applied);
    }

    /// <summary>The highest applied version; 0 for a file without the schema_migrations table.</summary>
    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = await connection.Command(transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
            .ScalarAsync<long>(cancellationToken).ConfigureAwait(false);
        return exists == 0
            ? 0
            : await connection.Command(transaction, "SELECT coalesce(max(version), 0) FROM schema_migrations").ScalarAsync<int>(cancellationToken).ConfigureAwait(false);
    }
}
