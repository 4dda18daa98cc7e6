using System.CommandLine;
using CoNRec.Cli.Commands.Db;
using CoNRec.Cluster.Reporting;
using CoNRec.Core.Evaluation;

namespace CoNRec.Cli.Commands.Runs;

/// <summary><c>conrec report RUN --out FOLDER</c>: a run's plots, evaluation table and summary (report.md, report.html).</summary>
public static class ReportCommand
{
    public static Command Build(CliConsole console)
    {
        var run = RunsCommands.RunArgument();
        var output = new Option<string>("--out") { HelpName = "FOLDER", Description = "the report folder to write (replaced as a whole; it may hold only an earlier report)", Required = true };
        var eval = new Option<string?>("--eval") { HelpName = "FILE", Description = "a results file of 'conrec eval' to include as a table" };
        var settings = new StoreSettings(withRunDirectory: true);
        var command = new Command("report",
            "Write a run's report: reward, KL, clip-fraction and timing plots with stage boundaries, the evaluation table, report.md and report.html. " +
            RunsCommands.StoreHelp) { run, output, eval };
        settings.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var id = RunsCommands.ParseRun(result.GetRequiredValue(run));
            var target = CheckReportFolder(result.GetRequiredValue(output));
            IReadOnlyList<EvaluationResult>? evaluation = result.GetValue(eval) is { } path ? EvaluationFile.Read(path) : null;
            var location = settings.Location(result);
            await StoreConnection.ReadAsync(location, settings.Timeout(result), async store =>
            {
                await RunsCommands.RequireRunAsync(store, id, location, ct);
                var written = await RunReport.WriteAsync(store, id, target, evaluation, ct);
                foreach (var note in written.Notes) await console.Error.WriteLineAsync(note);
                await console.Out.WriteLineAsync($"wrote {written.Folder} ({string.Join(", ", written.Files)})");
            }, ct);
        }));
        return command;
    }

    /// <summary>
    /// The report replaces its folder, so a folder holding anything but an earlier report is refused before
    /// any work: a mistyped --out must not delete other files.
    /// </summary>
    static string CheckReportFolder(string path)
    {
        var target = Path.GetFullPath(OutputPath.CheckFolder("--out", path));
        if (!Directory.Exists(target)) return target;
        var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).FirstOrDefault(name => !RunReport.FileNames.Contains(name!));
        return foreign is null
            ? target
            : throw new BadInputException($"--out: '{target}' holds '{foreign}', which is not part of a report; give an empty or new folder");
    }
}
