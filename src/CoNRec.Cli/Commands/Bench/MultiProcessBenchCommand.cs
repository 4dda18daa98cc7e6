using System.CommandLine;

namespace CoNRec.Cli.Commands.Bench;

/// <summary>
/// <c>conrec bench multiprocess</c>: a GRPO run's throughput with its rollout and reward work in joined <c>conrec node</c>
/// processes, against the same run in one process on the same machine, side by side in alternating rounds.
/// </summary>
public static class MultiProcessBenchCommand
{
    public static Command Build(CliConsole console)
    {
        var defaults = new MultiProcessBenchOptions();
        var steps = new Option<int?>("--steps-per-stage") { Description = Inv($"GRPO steps in each of the built-in config's 3 stages (default {defaults.StepsPerStage})") };
        var rounds = new Option<int>("--rounds") { Description = "rounds, each training single-process and multi-process (odd rounds single first)", DefaultValueFactory = _ => defaults.Rounds };
        var nodes = new Option<int>("--nodes") { Description = "conrec node processes: 1 (rollout and reward) or 2 (one per role)", DefaultValueFactory = _ => defaults.Nodes };
        var config = new Option<string?>("--config") { Description = "a run config to train instead of the built-in small one (its store must be the embedded one)" };
        var command = new Command("multiprocess",
            "The same run trained in one process and with its rollout and reward work in joined conrec node processes (same total torch threads): GRPO samples per second, ratio multi/single, and whether both end with the same policy.")
        {
            steps, rounds, nodes, config,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var file = result.GetValue(config);
            var stepsPerStage = result.GetValue(steps);
            if (file is not null && stepsPerStage is not null)
                throw new BadInputException("--steps-per-stage sizes the built-in config only: with --config FILE, set the stages' sample budgets in the file");
            var options = defaults with
            {
                StepsPerStage = stepsPerStage ?? defaults.StepsPerStage, Rounds = result.GetValue(rounds), Nodes = result.GetValue(nodes), ConfigFile = file,
            };
            options.Validate();
            await MultiProcessBenchmark.RunAsync(console.Out, options, ct);
        }));
        return command;
    }

    static string Inv(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
