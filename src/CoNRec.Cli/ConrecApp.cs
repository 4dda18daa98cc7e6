using System.CommandLine;
using CoNRec.Cli.Commands;
using CoNRec.Cli.Commands.Db;
using CoNRec.Cli.Commands.Runs;
using CoNRec.Cli.Commands.Sft;
using CoNRec.Cli.Commands.Sid;

namespace CoNRec.Cli;

/// <summary>The <c>conrec</c> command tree. Parse errors are bad input (exit 2) and are reported with the help hint.</summary>
public static class ConrecApp
{
    public static RootCommand Build(CliConsole console) =>
    [
        DataCommands.Build(console),
        EvalCommand.Build(console),
        SidCommands.Build(console),
        SftCommand.Build(console),
        BenchCommands.Build(console),
        RunsCommands.Build(console),
        ReportCommand.Build(console),
        DbCommands.Build(console),
        .. Commands.Train.TrainCommands.Build(console),
        Commands.Train.AblateCommand.Build(console),
        Commands.Node.NodeCommand.Build(console),
        .. Commands.Jobs.JobCommands.Build(console),
    ];

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct = default)
    {
        var root = Build(console);
        var threads = new Option<int?>("--threads") { Description = "CPU threads for tensor work (default: one per core; fewer when sharing the machine)", Recursive = true };
        root.Add(threads);
        root.Description = "CoNRec.Cluster: train and evaluate CoNRec, a generative recommender of what users will dislike.";
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await console.Error.WriteLineAsync($"error: {error.Message}");
            await console.Error.WriteLineAsync("Run 'conrec --help' (or the command with --help) for usage.");
            return ExitCodes.BadInput;
        }
        if (parsed.GetValue(threads) is { } count)
        {
            if (count < 1)
            {
                await console.Error.WriteLineAsync($"error: --threads must be >= 1 (got {count})");
                return ExitCodes.BadInput;
            }
            TorchSharp.torch.set_num_threads(count);
        }
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        return await parsed.InvokeAsync(invocation, ct);
    }
}
