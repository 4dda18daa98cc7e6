using System.CommandLine;
using CoNRec.Core.Baselines;
using CoNRec.Cli.Commands.Sft;
using CoNRec.Core.Evaluation;

namespace CoNRec.Cli.Commands;

/// <summary><c>conrec eval</c>: the paper's metrics for the baselines on one split; a table and a JSON file.</summary>
public static class EvalCommand
{
    public static Command Build(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "the dataset file (*.conrec)", Required = true };
        var baseline = new Option<string?>("--baseline") { Description = "all, none, or a comma-separated list of random, popularity, swing (default: all, or none when --model is given)" };
        var models = new Option<string[]>("--model") { Description = "a policy bundle to evaluate (OUT/model of 'conrec sft'); repeatable", AllowMultipleArgumentsPerToken = false };
        var adapter = new Option<string?>("--adapter") { Description = "a LoRA adapter folder (adapter_config.json + adapter_model.safetensors) merged into each --model before evaluation" };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N, for --model", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "fp32 or bf16, for --model", DefaultValueFactory = _ => "fp32" };
        var context = new Option<string>("--context") { Description = "the policy's prompt context: negatives, negatives-and-positives or recent-negatives", DefaultValueFactory = _ => "negatives" };
        var k = new Option<int>("--k") { Description = "cut-off K of the ranking metrics", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "seed of the random baseline", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "the JSON results file (default: <data>.eval.json)" };
        var split = new SplitSettings();
        var swing = new SwingSettings();
        var command = new Command("eval", "Evaluate baselines (and, later, models) with HR@K, FHR@K, LUF@K, LIF@K, Recall@K, NDCG@K and candidate accuracy.")
        {
            data, baseline, models, adapter, device, dtype, context, k, seed, output,
        };
        split.AddTo(command);
        swing.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var modelFolders = result.GetValue(models) ?? [];
            var kinds = ParseBaselines(result.GetValue(baseline) ?? (modelFolders.Length > 0 ? "none" : "all"));
            var contextKind = SftCommand.ParseContext(result.GetRequiredValue(context));
            var options = new EvaluationOptions(K: result.GetValue(k));
            options.Validate();
            var swingOptions = swing.Read(result);
            var path = result.GetRequiredValue(data);
            var jsonPath = OutputPath.Check("--out", result.GetValue(output) ?? path + ".eval.json");
            var dataset = split.Load(result, path);
            var evaluationSplit = EvaluationSplit.Create(dataset, split.Read(result));
            await console.Error.WriteLineAsync($"{dataset.Name}: {evaluationSplit.Cases.Count:N0} users with a future negative");

            var results = new List<EvaluationResult>();
            foreach (var kind in kinds)
            {
                var model = CreateBaseline(kind, evaluationSplit, swingOptions, result.GetValue(seed), console, ct);
                using var progress = new ProgressLine(console, $"eval {model.Name}");
                results.Add(Evaluator.Evaluate(evaluationSplit, model, (ICandidateScorer)model, options, progress, ct));
            }
            foreach (var folder in modelFolders)
            {
                var progress = new List<ProgressLine>();
                IProgress<double> Track(string label)
                {
                    var line = new ProgressLine(console, label);
                    progress.Add(line);
                    return line;
                }
                try
                {
                    results.Add(Cluster.Pipeline.PolicyEvaluation.Evaluate(Cluster.Pipeline.PolicyEvaluation.ModelName(folder), folder, result.GetValue(adapter),
                        (result.GetRequiredValue(device), result.GetRequiredValue(dtype)), evaluationSplit, options, contextKind, result.GetValue(seed),
                        Track, ct));
                }
                finally
                {
                    foreach (var line in progress) line.Dispose();
                }
            }
            await console.Out.WriteLineAsync(ResultTable.Format(results));
            ResultJson.Write(jsonPath, results, ResultMetadata.From(evaluationSplit, options));
            await console.Out.WriteLineAsync($"wrote {jsonPath}");
        }));
        return command;
    }

    static IItemRanker CreateBaseline(BaselineKind kind, EvaluationSplit split, Core.Swing.SwingOptions swing, int seed, CliConsole console, CancellationToken ct) => kind switch
    {
        BaselineKind.Random => new RandomRanker(split, seed),
        BaselineKind.Popularity => new DislikePopularityRanker(split),
        BaselineKind.Swing => new SwingRanker(split, SwingSettings.Compute(split, swing, console, ct)),
        _ => throw new BadInputException($"unknown baseline {kind}"),
    };

    static BaselineKind[] ParseBaselines(string text)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return [BaselineKind.Random, BaselineKind.Popularity, BaselineKind.Swing];
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name =>
            Enum.TryParse<BaselineKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
                ? kind
                : throw new BadInputException($"--baseline: unknown baseline '{name}' (all, none, random, popularity, swing)"))];
    }
}
