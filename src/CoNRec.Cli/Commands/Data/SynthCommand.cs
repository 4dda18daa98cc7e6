using System.CommandLine;
using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Cli.Commands.Data;

/// <summary><c>conrec data synth</c>: a synthetic world with ground truth (every knob in a JSON config).</summary>
public static class SynthCommand
{
    public static Command Build(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "the dataset file to write (*.conrec)", Required = true };
        var config = new Option<string?>("--config") { Description = "a JSON file of world settings (docs/synthetic-world.md); unset settings keep their defaults" };
        var seed = new Option<int?>("--seed") { Description = "overrides the config's seed" };
        var users = new Option<int?>("--users") { Description = "overrides the number of users" };
        var items = new Option<int?>("--items") { Description = "overrides the number of items" };
        var days = new Option<int?>("--days") { Description = "overrides the number of simulated days" };
        var command = new Command("synth", "Generate a synthetic world: items with a category tree and features, users with latent dislikes, a biased platform.")
        {
            output, config, seed, users, items, days,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var target = OutputPath.Check("--out", result.GetRequiredValue(output));
            var options = result.GetValue(config) is { } path ? SyntheticWorldOptions.Load(path) : new SyntheticWorldOptions();
            options = options with
            {
                Seed = result.GetValue(seed) ?? options.Seed,
                Users = result.GetValue(users) ?? options.Users,
                Items = result.GetValue(items) ?? options.Items,
                Days = result.GetValue(days) ?? options.Days,
            };
            options.Validate();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Dataset dataset;
            using (var progress = new ProgressLine(console, "synth"))
                dataset = SyntheticWorld.Generate(options, progress, ct);
            DatasetFile.Write(dataset, target);
            await console.Out.WriteLineAsync(
                $"wrote {target}: {dataset.UserCount:N0} users, {dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events (seed {options.Seed}, {clock.Elapsed.TotalSeconds:0.0}s)");
        }));
        return command;
    }
}
