using System.Data.Common;
using CoNRec.Storage.Migrations;
using CoNRec.Storage.Sql;
using Npgsql;

namespace CoNRec.Storage.Postgres;

/// <summary>
/// Applies the PostgreSQL migrations. Each runs in its own transaction (PostgreSQL DDL is transactional)
/// together with its schema_migrations row, under a transaction-scoped advisory lock, so concurrent appliers
/// (several nodes running `conrec db migrate` at once) take turns and each migration is applied once.
/// </summary>
static class PostgresMigrations
{
    // An arbitrary constant shared by every conrec build: the advisory lock that serialises migrators.
    const long LockKey = 0x636F_6E72_6563_0001;

    const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL
        )
        """;

    public static async Task<MigrationReport> ApplyAsync(NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            int? previous = null;
            var applied = new List<Migration>();
            foreach (var migration in MigrationCatalog.For(StoreKind.Postgres))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    // Released by the commit or rollback, so a failure cannot leave it held.
                    await connection.Command(transaction, "SELECT pg_advisory_xact_lock(@key)").With("@key", LockKey).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    await connection.Command(transaction, CreateTable).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    var version = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                    previous ??= version;
                    if (version < migration.Version)
                    {
                        await connection.Command(transaction, migration.Sql).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                        await connection.Command(transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)")
                            .With("@version", migration.Version).With("@name", migration.Name).With("@at", StoreClock.Now(time))
                            .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                        applied.Add(migration);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return new MigrationReport(previous ?? 0, await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false), applied);
        }
    }

    /// <summary>The highest applied version; 0 for a database without the schema_migrations table.</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var exists = await connection.Command(null, "SELECT to_regclass('schema_migrations') IS NOT NULL").ScalarAsync<bool>(cancellationToken).ConfigureAwait(false);
        return exists
            ? await connection.Command(null, "SELECT coalesce(max(version), 0) FROM schema_migrations").ScalarAsync<int>(cancellationToken).ConfigureAwait(false)
            : 0;
    }
}
