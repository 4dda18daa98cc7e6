using CoNRec.Core.Runs;
using CoNRec.Storage.Postgres;
using CoNRec.Storage.Sqlite;

namespace CoNRec.Storage;

/// <summary>Opens the store a location names: SQLite migrated on open, PostgreSQL checked against this build's schema.</summary>
public static class RunStore
{
    public static async Task<IRunStore> OpenAsync(StoreLocation location, TimeProvider? time = null, StoreRetryOptions? retry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind switch
        {
            StoreKind.Sqlite => await SqliteRunStore.OpenAsync(location.SqlitePath!, time, cancellationToken).ConfigureAwait(false),
            StoreKind.Postgres => await PostgresRunStore.OpenAsync(location, retry, time, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(location), location.Kind, "unknown store kind"),
        };
    }
}
