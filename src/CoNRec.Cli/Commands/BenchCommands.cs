using System.CommandLine;
using CoNRec.Cli.Commands.Bench;
using CoNRec.Cluster.Benchmarks;
using CoNRec.Cluster.Benchmarks.DataPlane;
using CoNRec.Core.Swing;
using CoNRec.Model.Generation;
using CoNRec.Model.Training;

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
        GenerateBench(console),
        TrainBench(console),
        OrchestrationBench(console),
        DataPlaneBench(console),
        CoordinatorBenchCommand.Build(console),
        MultiProcessBenchCommand.Build(console),
    };

    static Command GenerateBench(CliConsole console)
    {
        var repetitions = new Option<int>("--repetitions") { Description = "timed repetitions, each running both paths back to back", DefaultValueFactory = _ => new GenerationBenchmarkOptions().Repetitions };
        var command = new Command("generate", "Group generation (G = 8, 128-token prompt, one SID): cached shared-prefix path against full recomputation per token per sample.") { repetitions };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, () =>
        {
            ct.ThrowIfCancellationRequested();
            var options = new GenerationBenchmarkOptions { Repetitions = result.GetValue(repetitions) };
            options.Validate();
            GenerationBenchmark.Run(console.Out, options);
            return Task.CompletedTask;
        }));
        return command;
    }

    static Command TrainBench(CliConsole console)
    {
        var steps = new Option<int>("--steps") { Description = "timed training steps after the warm-up", DefaultValueFactory = _ => new TrainingBenchmarkOptions().Steps };
        var command = new Command("train", "SFT of the small default policy: tokens per second, seconds per step and peak memory (RSS).") { steps };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, () =>
        {
            ct.ThrowIfCancellationRequested();
            var options = new TrainingBenchmarkOptions { Steps = result.GetValue(steps) };
            options.Validate();
            TrainingBenchmark.Run(console.Out, options);
            return Task.CompletedTask;
        }));
        return command;
    }

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

    static Command OrchestrationBench(CliConsole console)
    {
        var defaults = new OrchestrationBenchmarkOptions();
        var policy = new Option<string>("--policy") { Description = "policy preset: tiny or small", DefaultValueFactory = _ => defaults.Policy };
        var steps = new Option<int>("--steps") { Description = "GRPO steps per run (the first is not counted)", DefaultValueFactory = _ => defaults.Steps };
        var rounds = new Option<int>("--rounds") { Description = "timed rounds, each running the direct path, then the actors", DefaultValueFactory = _ => defaults.Rounds };
        var command = new Command("orchestration", "GRPO steps through the actors (1 rollout, 1 reward worker, the learner) against the same steps called directly in one thread: seconds per step, ratio and phase shares.")
        {
            policy, steps, rounds,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var options = defaults with { Policy = result.GetValue(policy)!, Steps = result.GetValue(steps), Rounds = result.GetValue(rounds) };
            options.Validate();
            await OrchestrationBenchmark.RunAsync(console.Out, options, ct);
        }));
        return command;
    }

    static Command DataPlaneBench(CliConsole console)
    {
        var defaults = new DataPlaneBenchmarkOptions();
        var megabytes = new Option<int>("--megabytes") { Description = "size of the policy file (1 MB = 2^20 bytes)", DefaultValueFactory = _ => defaults.Megabytes };
        var rounds = new Option<int>("--rounds") { Description = "timed rounds, each fetching over HTTP and copying locally, in alternating order", DefaultValueFactory = _ => defaults.Rounds };
        var command = new Command("dataplane", "Weight publication and fetch over the HTTP data plane on loopback (hash, fsync, verify) against a local copy doing the same work: MB/s and ratio.")
        {
            megabytes, rounds,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var options = defaults with { Megabytes = result.GetValue(megabytes), Rounds = result.GetValue(rounds) };
            options.Validate();
            await DataPlaneBenchmark.RunAsync(console.Out, options, ct);
        }));
        return command;
    }
}
