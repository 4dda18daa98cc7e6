using System.CommandLine;
using CoNRec.Core.Swing;

namespace CoNRec.Cli.Commands;

/// <summary>
/// <c>conrec bench</c>: measurements printed as rates and side-by-side ratios in one run (these machines are
/// shared and noisy, so absolute times are context and ratios are the figure of merit).
/// </summary>
public static class BenchCommands
{
    public static Command Build(CliConsole console) => new("bench", "Benchmarks that print rates and speed ratios.")
    {
        LoadBench(console),
        SwingBench(console),
    };

    static Command LoadBench(CliConsole console)
    {
        var events = new Option<int>("--events") { Description = "ratings to generate, import and load", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("load", "Import a generated MovieLens ratings.csv and load the dataset file: events per second.") { events };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var count = result.GetValue(events);
            if (count < 1) throw new BadInputException($"--events must be >= 1 (got {count})");
            await LoadBenchmark.RunAsync(count, console, ct);
        }));
        return command;
    }

    static Command SwingBench(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "simulated users", DefaultValueFactory = _ => 50_000 };
        var items = new Option<int>("--items") { Description = "simulated items", DefaultValueFactory = _ => 20_000 };
        var perUser = new Option<int>("--negatives-per-user") { Description = "mean negatives per user", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 7 };
        var command = new Command("swing", "Swing on >= 1M negative events: the parallel implementation against a straightforward dictionary-of-pairs one.")
        {
            users, items, perUser, seed,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, () =>
        {
            ct.ThrowIfCancellationRequested();
            SwingBenchmark.Run(result.GetValue(users), result.GetValue(items), result.GetValue(perUser), result.GetValue(seed), console.Out);
            return Task.CompletedTask;
        }));
        return command;
    }
}
