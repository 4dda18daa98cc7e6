using System.CommandLine;
using CoNRec.Storage;

namespace CoNRec.Cli.Commands.Db;

/// <summary><c>conrec db</c>: the run store's schema.</summary>
public static class DbCommands
{
    public static Command Build(CliConsole console) => new("db", "Manage the run store's database.")
    {
        MigrateCommand(console),
    };

    static Command MigrateCommand(CliConsole console)
    {
        var settings = new StoreSettings(withRunDirectory: false);
        var command = new Command("migrate",
            "Apply the pending schema migrations, in order, to the run store (safe to repeat and to run from several nodes at once). " +
            $"Waits at most --store-timeout ({StoreSettings.DefaultTimeoutSeconds:0} s by default) for an unreachable PostgreSQL server.");
        settings.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var location = settings.Location(result);
            var timeout = settings.Timeout(result);
            // Reading the version first connects under the deadline, so a server that is down fails fast.
            await StoreConnection.GuardAsync(location, timeout, token => MigrationRunner.GetSchemaVersionAsync(location, token), ct);
            var report = await StoreConnection.GuardAsync(location, null, token => MigrationRunner.ApplyAsync(location, cancellationToken: token), ct);
            await console.Out.WriteLineAsync(report.Applied.Count == 0
                ? $"{location.Redacted}: already at version {report.CurrentVersion}"
                : $"{location.Redacted}: schema version {report.PreviousVersion} -> {report.CurrentVersion} (applied: {string.Join(", ", report.Applied)})");
        }));
        return command;
    }
}
