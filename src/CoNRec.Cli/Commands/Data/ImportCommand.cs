using System.CommandLine;
using CoNRec.Core.Data;
using CoNRec.Core.Features;
using CoNRec.Core.Import;

namespace CoNRec.Cli.Commands.Data;

/// <summary><c>conrec data import</c>: MovieLens, KuaiRand or the generic CSV format into a dataset file.</summary>
public static class ImportCommand
{
    public static Command Build(CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "movielens (100k, 1m, 20m and later: detected from the folder), kuairand or csv (docs/generic-csv.md)", Required = true };
        var input = new Option<string>("--input") { Description = "the folder holding the source files", Required = true };
        var output = new Option<string>("--out") { Description = "the dataset file to write (*.conrec)", Required = true };
        var captions = new Option<string?>("--captions") { Description = "kuairand: an optional captions CSV" };
        var embeddings = new Option<string?>("--embeddings") { Description = "precomputed item vectors (docs/embeddings.md) instead of the text featuriser" };
        var featureDim = new Option<int>("--feature-dim") { Description = "dimension of the hashed text features", DefaultValueFactory = _ => new ImportOptions().FeatureDimension };
        var negativeAtMost = new Option<double>("--negative-max-rating") { Description = "movielens: ratings at or below this are negatives", DefaultValueFactory = _ => new ImportOptions().NegativeAtMost };
        var positiveAtLeast = new Option<double>("--positive-min-rating") { Description = "movielens: ratings at or above this are positives", DefaultValueFactory = _ => new ImportOptions().PositiveAtLeast };
        var name = new Option<string?>("--name") { Description = "the dataset's name (default: the source folder's name)" };

        var command = new Command("import", "Import a public behaviour log into a dataset file.")
        {
            format, input, output, captions, embeddings, featureDim, negativeAtMost, positiveAtLeast, name,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var path = OutputPath.Check("--out", result.GetRequiredValue(output));
            var options = new ImportOptions
            {
                Name = result.GetValue(name),
                FeatureDimension = result.GetValue(featureDim),
                NegativeAtMost = result.GetValue(negativeAtMost),
                PositiveAtLeast = result.GetValue(positiveAtLeast),
            };
            options.Validate();
            var folder = result.GetRequiredValue(input);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await console.Error.WriteLineAsync($"importing {folder} ...");
            var dataset = result.GetRequiredValue(format).Trim().ToLowerInvariant() switch
            {
                "movielens" => MovieLensImporter.Import(folder, options),
                "kuairand" => KuaiRandImporter.Import(folder, options, result.GetValue(captions)),
                "csv" => GenericCsvImporter.Import(folder, options),
                var other => throw new BadInputException($"--format must be movielens, kuairand or csv (got '{other}')"),
            };
            if (result.GetValue(embeddings) is { } vectors) dataset = EmbeddingFile.Apply(dataset, vectors);
            ct.ThrowIfCancellationRequested();

            DatasetFile.Write(dataset, path);
            await console.Out.WriteLineAsync(
                $"wrote {path}: {dataset.UserCount:N0} users, {dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events in {clock.Elapsed.TotalSeconds:0.0}s");
        }));
        return command;
    }
}
