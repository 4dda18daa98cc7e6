using CoNRec.Storage.Migrations;
using CoNRec.Storage.Sql;

namespace CoNRec.Storage.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file (WAL mode) in the run directory, migrated on open. Each operation
/// opens a pooled connection; writes run in IMMEDIATE transactions, so concurrent writers queue on the file
/// lock instead of failing when a read would upgrade to a write.
/// </summary>
public sealed class SqliteRunStore : SqlRunStore
{
    SqliteRunStore(string path, SqliteDialect dialect, TimeProvider time)
        : base(dialect, time) => Path = path;

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

        var dialect = SqliteDialect.ForFile(full);
        var connection = await dialect.OpenSqliteAsync(cancellationToken).ConfigureAwait(false);
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

        return new SqliteRunStore(full, dialect, time);
    }

    public override string ToString() => "sqlite:" + Path;
}
