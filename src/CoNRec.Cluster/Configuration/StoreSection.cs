using CoNRec.Storage;
using Npgsql;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Where the run store lives (<see cref="StoreLocation"/>'s forms). Null: the embedded SQLite file store.db in the
/// run folder. A config file never holds a password: PostgreSQL passwords come from CONREC_STORE_PASSWORD or the
/// file named by CONREC_STORE_PASSWORD_FILE.
/// </summary>
public sealed record StoreSection
{
    public string? Location { get; init; }

    public void Validate()
    {
        if (Location is null) return;
        if (HoldsPassword(Location))
            throw new ArgumentException(
                $"store.location must not hold a password (a config file is not a secret store): remove it and set {StoreLocation.PasswordVariable} " +
                $"or {StoreLocation.PasswordFileVariable} (the path of a file holding it)");
        StoreLocation.Parse(Location, "store.location", _ => null);
    }

    /// <summary>The location for a run folder; PostgreSQL passwords are read from <paramref name="environment"/>.</summary>
    public StoreLocation Resolve(string runDirectory, Func<string, string?>? environment = null) =>
        Location is null ? StoreLocation.DefaultFor(runDirectory) : StoreLocation.Parse(Location, "store.location", environment);

    static bool HoldsPassword(string location)
    {
        var text = location.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return false;
            return uri.UserInfo.Contains(':', StringComparison.Ordinal)
                || uri.Query.TrimStart('?').Split('&').Any(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase));
        }
        if (!text.Contains('=', StringComparison.Ordinal)) return false;
        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(text).Password);
        }
        catch (ArgumentException)
        {
            return false; // not a connection string: StoreLocation.Parse reports it
        }
    }
}
