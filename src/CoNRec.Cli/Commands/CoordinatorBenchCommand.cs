using System.CommandLine;
using System.Globalization;
using CoNRec.Cluster.Benchmarks.Capacity;

namespace CoNRec.Cli.Commands;

/// <summary><c>conrec bench coordinator</c>: the coordinator's leases and results per second with simulated workers.</summary>
public static class CoordinatorBenchCommand
{
    public static Command Build(CliConsole console)
    {
        var defaults = new CoordinatorCapacityOptions();
        var workers = new Option<string>("--workers")
        {
            Description = "simulated worker counts, comma-separated (half rollout, half reward)",
            DefaultValueFactory = _ => string.Join(',', defaults.Workers.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        };
        var seconds = new Option<double>("--seconds") { Description = "timed seconds per worker count", DefaultValueFactory = _ => defaults.Seconds };
        var warmup = new Option<double>("--warmup-seconds") { Description = "untimed seconds per worker count first", DefaultValueFactory = _ => defaults.WarmupSeconds };
        var rounds = new Option<int>("--rounds") { Description = "passes over the worker counts (each count's figures cover all its rounds)", DefaultValueFactory = _ => defaults.Rounds };
        var groups = new Option<int>("--groups-per-step") { Description = "groups of one prompt per step: one learner hand-off per 2 x this many results", DefaultValueFactory = _ => defaults.GroupsPerStep };
        var command = new Command("coordinator",
            "The coordinator singleton with simulated workers and learner (no model): leases granted and results accepted per second for each worker count, and how flat they stay as workers grow.")
        {
            workers, seconds, warmup, rounds, groups,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var options = defaults with
            {
                Workers = ParseWorkers(result.GetValue(workers)!), Seconds = result.GetValue(seconds), WarmupSeconds = result.GetValue(warmup),
                Rounds = result.GetValue(rounds), GroupsPerStep = result.GetValue(groups),
            };
            options.Validate();
            await CoordinatorCapacityBenchmark.RunAsync(console.Out, options, ct);
        }));
        return command;
    }

    static int[] ParseWorkers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new BadInputException("--workers must list at least one worker count, e.g. 8,32,128");
        return [.. parts.Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new BadInputException($"--workers: '{part}' is not a worker count (e.g. 8,32,128)"))];
    }
}
