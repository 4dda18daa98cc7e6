using System.CommandLine;
using System.Globalization;
using CoNRec.Storage;

namespace CoNRec.Cli.Commands.Db;

/// <summary>
/// The options that name a run store: <c>--store</c>, else <c>CONREC_STORE</c>, else (for commands that read
/// runs) the embedded SQLite store of <c>--run-dir</c>; and how long to wait for an unreachable PostgreSQL.
/// </summary>
public sealed class StoreSettings
{
    /// <summary>A command line should fail fast when the database is down, not ride out a restart as the cluster does.</summary>
    public const double DefaultTimeoutSeconds = 3;

    readonly Option<string?> _store = new("--store")
    {
        HelpName = "LOCATION",
        Description = "the run store: sqlite:PATH, a .db file, postgres://user@host:port/db or a PostgreSQL connection string " +
            $"(default: ${StoreLocation.StoreVariable}; the password may come from ${StoreLocation.PasswordVariable} or ${StoreLocation.PasswordFileVariable})",
    };

    readonly Option<string?> _runDirectory = new("--run-dir")
    {
        HelpName = "DIR",
        Description = $"a run directory: read its embedded store (DIR/{StoreLocation.DefaultFileName}) when neither --store nor ${StoreLocation.StoreVariable} is set",
    };

    readonly Option<double> _timeout = new("--store-timeout")
    {
        HelpName = "SECONDS",
        Description = "seconds to keep retrying an unreachable PostgreSQL store before giving up",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    readonly bool _withRunDirectory;

    /// <param name="withRunDirectory">Whether the command offers <c>--run-dir</c> (commands that read runs do).</param>
    public StoreSettings(bool withRunDirectory) => _withRunDirectory = withRunDirectory;

    public void AddTo(Command command)
    {
        command.Add(_store);
        if (_withRunDirectory) command.Add(_runDirectory);
        command.Add(_timeout);
    }

    /// <summary>The store location; malformed settings and a missing store are bad input naming the setting.</summary>
    public StoreLocation Location(ParseResult result)
    {
        var flag = result.GetValue(_store);
        var runDirectory = _withRunDirectory ? result.GetValue(_runDirectory) : null;
        if (string.IsNullOrWhiteSpace(flag) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StoreLocation.StoreVariable)) && string.IsNullOrWhiteSpace(runDirectory))
        {
            throw new BadInputException(_withRunDirectory
                ? $"no run store given: pass --store LOCATION, set {StoreLocation.StoreVariable}, or pass --run-dir DIR"
                : $"no run store given: pass --store LOCATION or set {StoreLocation.StoreVariable}");
        }
        return StoreLocation.Resolve(flag, runDirectory ?? "", "--store");
    }

    public TimeSpan Timeout(ParseResult result)
    {
        var seconds = result.GetValue(_timeout);
        if (!(seconds > 0) || double.IsInfinity(seconds))
            throw new BadInputException($"--store-timeout must be a number of seconds > 0 (got {seconds.ToString(CultureInfo.InvariantCulture)})");
        return TimeSpan.FromSeconds(seconds);
    }
}
