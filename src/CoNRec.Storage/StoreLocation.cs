using Npgsql;

namespace CoNRec.Storage;

/// <summary>
/// Where the run store lives, parsed from a flag or <c>CONREC_STORE</c>:
/// <c>sqlite:PATH</c> or a path ending .db/.sqlite/.sqlite3 for SQLite; a <c>postgres://user:pass@host:port/db</c>
/// URL or a keyword string (<c>Host=...;Database=...</c>) for PostgreSQL. A PostgreSQL password may instead come
/// from <c>CONREC_STORE_PASSWORD</c> or the file named by <c>CONREC_STORE_PASSWORD_FILE</c>. The password is
/// never part of <see cref="ToString"/> or <see cref="Redacted"/>, so a location is safe to log.
/// </summary>
public sealed class StoreLocation
{
    public const string StoreVariable = "CONREC_STORE";
    public const string PasswordVariable = "CONREC_STORE_PASSWORD";
    public const string PasswordFileVariable = "CONREC_STORE_PASSWORD_FILE";

    /// <summary>The embedded store's file name inside a run directory.</summary>
    public const string DefaultFileName = "store.db";

    readonly string? _postgresConnectionString;

    StoreLocation(StoreKind kind, string? sqlitePath, string? postgresConnectionString, string redacted)
    {
        Kind = kind;
        SqlitePath = sqlitePath;
        _postgresConnectionString = postgresConnectionString;
        Redacted = redacted;
    }

    public StoreKind Kind { get; }

    /// <summary>The SQLite file (full path); null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The location without any password, e.g. "postgres://conrec@db:5432/conrec" or "sqlite:/runs/a/store.db".</summary>
    public string Redacted { get; }

    public override string ToString() => Redacted;

    /// <summary>The Npgsql connection string, password included: hand it to Npgsql only, never to a log.</summary>
    internal string PostgresConnectionString =>
        _postgresConnectionString ?? throw new InvalidOperationException($"{Redacted} is not a PostgreSQL store");

    public static StoreLocation Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        return new StoreLocation(StoreKind.Sqlite, full, null, "sqlite:" + full);
    }

    /// <summary>The embedded default for a run directory: <c>RUN_DIR/store.db</c>.</summary>
    public static StoreLocation DefaultFor(string runDirectory) => Sqlite(Path.Combine(runDirectory, DefaultFileName));

    /// <summary>
    /// The flag's value if given, else <c>CONREC_STORE</c>, else the embedded default in <paramref name="runDirectory"/>.
    /// </summary>
    public static StoreLocation Resolve(string? flag, string runDirectory, string flagName = "--store", Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(flag))
            return Parse(flag, flagName, environment);
        var fromEnvironment = environment(StoreVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultFor(runDirectory) : Parse(fromEnvironment, StoreVariable, environment);
    }

    /// <summary>Parses a store location; errors name <paramref name="setting"/> and never echo a password.</summary>
    public static StoreLocation Parse(string value, string setting = "--store", Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            throw new ArgumentException($"{setting} is empty: give sqlite:PATH, a .db file, a postgres:// URL or a PostgreSQL connection string");
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return ParseSqlite(text["sqlite:".Length..], setting);
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return Postgres(PostgresUrl.ToBuilder(text, setting), setting, environment);
        if (text.Contains('=', StringComparison.Ordinal))
            return Postgres(ParseKeywords(text, setting), setting, environment);
        if (IsSqliteFileName(text))
            return Sqlite(text);
        throw new ArgumentException(
            $"{setting} is not a store location (got '{PostgresUrl.Redact(text)}'): give sqlite:PATH, a path ending .db, " +
            "postgres://user@host:port/db or a connection string such as Host=db;Username=conrec;Database=conrec");
    }

    static StoreLocation ParseSqlite(string path, string setting)
    {
        // sqlite:///abs/path.db reads as the absolute path, as in SQLAlchemy-style URLs.
        if (path.StartsWith("//", StringComparison.Ordinal))
            path = path[2..];
        return string.IsNullOrWhiteSpace(path)
            ? throw new ArgumentException($"{setting}: sqlite: needs a file path, e.g. sqlite:runs/demo/store.db")
            : Sqlite(path);
    }

    static bool IsSqliteFileName(string text) =>
        text.EndsWith(".db", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase);

    static NpgsqlConnectionStringBuilder ParseKeywords(string text, string setting)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the keyword, not its value, so its message is safe to pass on.
            throw new ArgumentException($"{setting} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }

    static StoreLocation Postgres(NpgsqlConnectionStringBuilder builder, string setting, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new ArgumentException($"{setting}: the PostgreSQL location needs a host");
        if (string.IsNullOrWhiteSpace(builder.Database))
            throw new ArgumentException($"{setting}: the PostgreSQL location needs a database name");
        if (string.IsNullOrEmpty(builder.Password) && StorePassword.FromEnvironment(environment) is { } password)
            builder.Password = password;
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = "conrec";

        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        var redacted = $"postgres://{user}{builder.Host}:{builder.Port}/{builder.Database}";
        return new StoreLocation(StoreKind.Postgres, null, builder.ConnectionString, redacted);
    }
}
