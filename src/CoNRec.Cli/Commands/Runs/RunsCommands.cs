using System.CommandLine;
using CoNRec.Cli.Commands.Db;
using CoNRec.Cluster.Reporting;
using CoNRec.Core.Runs;
using CoNRec.Storage;

namespace CoNRec.Cli.Commands.Runs;

/// <summary><c>conrec runs list</c> and <c>conrec runs show RUN</c>: what the run store holds, secrets masked.</summary>
public static class RunsCommands
{
    public static Command Build(CliConsole console) => new("runs", "List training runs and show one run's stages, steps and checkpoint.")
    {
        ListCommand(console),
        ShowCommand(console),
    };

    /// <summary>How store options read in a command's help.</summary>
    internal static string StoreHelp =>
        $"The store is --store, else ${StoreLocation.StoreVariable}, else the embedded store of --run-dir; " +
        $"an unreachable PostgreSQL server is given up after --store-timeout ({StoreSettings.DefaultTimeoutSeconds:0} s by default).";

    static Command ListCommand(CliConsole console)
    {
        var settings = new StoreSettings(withRunDirectory: true);
        var command = new Command("list", "One line per run, newest first: id, name, status and where it resumes. " + StoreHelp);
        settings.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var location = settings.Location(result);
            await StoreConnection.ReadAsync(location, settings.Timeout(result), async store =>
                await console.Out.WriteAsync(RunsView.FormatList(await store.ListRunsAsync(ct))), ct);
        }));
        return command;
    }

    static Command ShowCommand(CliConsole console)
    {
        var run = RunArgument();
        var steps = new Option<int>("--steps") { HelpName = "N", Description = "how many of the most recent steps to list", DefaultValueFactory = _ => 20 };
        var settings = new StoreSettings(withRunDirectory: true);
        var command = new Command("show", "A run's settings (secrets masked), stages, recent steps, latest checkpoint and last metrics. " + StoreHelp) { run, steps };
        settings.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var id = ParseRun(result.GetRequiredValue(run));
            var recent = result.GetValue(steps);
            if (recent < 0) throw new BadInputException($"--steps must be >= 0 (got {recent})");
            var location = settings.Location(result);
            await StoreConnection.ReadAsync(location, settings.Timeout(result), async store =>
            {
                await RequireRunAsync(store, id, location, ct);
                var snapshot = await RunSnapshot.ReadAsync(store, id, ct);
                var shown = snapshot.Steps.Skip(Math.Max(0, snapshot.Steps.Count - recent)).ToList();
                await console.Out.WriteAsync(RunsView.FormatShow(snapshot.Run, snapshot.Stages, shown, snapshot.LatestCheckpoint));
            }, ct);
        }));
        return command;
    }

    internal static Argument<string> RunArgument() => new("RUN") { Description = "the run id, e.g. run-20260115-ab12cd (see 'conrec runs list')" };

    internal static RunId ParseRun(string text) =>
        RunId.TryParse(text.Trim(), out var id) ? id : throw new BadInputException($"RUN must be a run id like run-20260115-ab12cd (got '{text}')");

    /// <summary>An unknown run is bad input naming the run and the store.</summary>
    internal static async Task RequireRunAsync(IRunStore store, RunId id, StoreLocation location, CancellationToken ct)
    {
        if (await store.GetRunAsync(id, ct) is null)
            throw new BadInputException($"run {id} is not in the run store {location.Redacted} ('conrec runs list' lists the runs it holds)");
    }
}
