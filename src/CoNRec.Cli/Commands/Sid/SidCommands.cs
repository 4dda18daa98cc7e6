using System.CommandLine;
using CoNRec.Core.Configuration;
using CoNRec.Core.Data;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Features;
using CoNRec.Model.Sid;

namespace CoNRec.Cli.Commands.Sid;

/// <summary><c>conrec sid build</c>: semantic IDs for every item of a dataset (method.md step 1).</summary>
public static class SidCommands
{
    public static Command Build(CliConsole console) => new("sid", "Semantic IDs: RQ-VAE codes for every item.")
    {
        BuildCommand(console),
    };

    static Command BuildCommand(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "the dataset file (*.conrec)", Required = true };
        var output = new Option<string>("--out") { Description = "the SID folder to write (table, codebooks, SID embeddings, report)", Required = true };
        var config = new Option<string?>("--config") { Description = "a JSON file of RQ-VAE settings (camelCase names of RqVaeOptions); unset settings keep method.md's defaults" };
        var epochs = new Option<int?>("--epochs") { Description = "overrides the number of training epochs" };
        var seed = new Option<int?>("--seed") { Description = "overrides the seed" };
        var device = new Option<string?>("--device") { Description = "cpu or cuda:N" };
        var embeddings = new Option<string?>("--embeddings") { Description = "precomputed item vectors (docs/embeddings.md) to quantise instead of the dataset's features" };
        var command = new Command("build", "Train an RQ-VAE on the item features and write each item's SID.") { data, output, config, epochs, seed, device, embeddings };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var options = result.GetValue(config) is { } path ? SettingsFile.Load<RqVaeOptions>(path, "RQ-VAE settings", o => o.Validate()) : new RqVaeOptions();
            options = options with
            {
                Epochs = result.GetValue(epochs) ?? options.Epochs,
                Seed = result.GetValue(seed) ?? options.Seed,
                Device = result.GetValue(device) ?? options.Device,
            };
            options.Validate();
            var target = OutputPath.CheckFolder("--out", result.GetRequiredValue(output));
            var dataset = DatasetFile.Read(result.GetRequiredValue(data));
            if (result.GetValue(embeddings) is { } vectors) dataset = EmbeddingFile.Apply(dataset, vectors);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            RqVaeTrainingResult trained;
            SidReport report;
            using (var progress = new ProgressLine(console, "rq-vae"))
                (trained, report) = SidBuilder.Build(dataset, options, target, progress, ct);

            var last = trained.Epochs[^1];
            await console.Out.WriteLineAsync($"trained {trained.Epochs.Count} epochs in {clock.Elapsed.TotalSeconds:0.0}s; final loss {last.Loss:0.0000} (reconstruction {last.ReconstructionLoss:0.0000})");
            await console.Out.WriteLineAsync(report.Format());
            await console.Out.WriteLineAsync($"wrote {target}");
        }));
        return command;
    }
}
