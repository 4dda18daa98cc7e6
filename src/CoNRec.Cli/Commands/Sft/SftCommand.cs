using CoNRec.Cluster.Pipeline;
using System.CommandLine;
using System.Globalization;
using CoNRec.Core.Evaluation;
using CoNRec.Model.Evaluation;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;

namespace CoNRec.Cli.Commands.Sft;

/// <summary>
/// <c>conrec sft</c>: supervised fine-tuning of the policy (method.md step 2) on the tasks asked for, from the
/// split's history only. Writes step checkpoints (re-running the same command resumes from the newest) and, at
/// the end, a policy bundle (<c>OUT/model</c>) that <c>conrec eval --model</c> and later stages read.
/// </summary>
public static class SftCommand
{
    public static Command Build(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "the dataset file (*.conrec)", Required = true };
        var sid = new Option<string?>("--sid") { Description = "the SID folder from 'conrec sid build' (not needed with --init)" };
        var output = new Option<string>("--out") { Description = "the run folder: checkpoints/ and the final policy bundle model/", Required = true };
        var init = new Option<string?>("--init") { Description = "continue from a policy bundle (e.g. the alignment SFT's OUT/model)" };
        var preset = new Option<string>("--model") { Description = $"architecture of a new policy: {string.Join(", ", PolicyConfig.PresetNames)}", DefaultValueFactory = _ => "small" };
        var tasks = new Option<string>("--tasks") { Description = "comma-separated: translation, alignment, next-negative", DefaultValueFactory = _ => "translation,alignment,next-negative" };
        var context = new Option<string>("--context") { Description = "next-negative context: negatives (LC-Rec negatives only) or negatives-and-positives", DefaultValueFactory = _ => "negatives" };
        var steps = new Option<int?>("--steps") { Description = "optimizer steps" };
        var batch = new Option<int?>("--batch-size") { Description = "examples per step" };
        var lr = new Option<double?>("--lr") { Description = "peak learning rate" };
        var seed = new Option<int?>("--seed") { Description = "seed of weights, data order and task sampling" };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "fp32 or bf16 (bf16 keeps fp32 master weights in the optimizer)", DefaultValueFactory = _ => "fp32" };
        var backbone = new Option<string?>("--backbone") { Description = "a pretrained Hugging Face Qwen3 folder (config.json, safetensors, tokenizer files) to start from instead of --model" };
        var loraRank = new Option<int>("--lora-rank") { Description = "train LoRA adapters of this rank on a frozen base (0: train every weight)", DefaultValueFactory = _ => 0 };
        var split = new SplitSettings();
        var command = new Command("sft", "Supervised fine-tuning: SID/title translation, item-level alignment and next-negative prediction.")
        {
            data, sid, output, init, preset, tasks, context, steps, batch, lr, seed, device, dtype, backbone, loraRank,
        };
        split.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var defaults = new SftOptions();
            var options = defaults with
            {
                Steps = result.GetValue(steps) ?? defaults.Steps,
                BatchSize = result.GetValue(batch) ?? defaults.BatchSize,
                LearningRate = result.GetValue(lr) ?? defaults.LearningRate,
                Seed = result.GetValue(seed) ?? defaults.Seed,
            };
            options.Validate();
            var taskKinds = ParseTasks(result.GetRequiredValue(tasks));
            var contextKind = ParseContext(result.GetRequiredValue(context));
            var taskOptions = new TaskOptions { Seed = options.Seed };
            taskOptions.Validate();
            var deviceName = result.GetRequiredValue(device);

            var dataset = split.Load(result, result.GetRequiredValue(data));
            var evaluationSplit = EvaluationSplit.Create(dataset, split.Read(result));
            var source = new PolicySource(result.GetValue(init), result.GetValue(backbone), result.GetValue(sid), result.GetRequiredValue(preset), deviceName, result.GetRequiredValue(dtype), options.Seed);
            using var policy = PolicyOpener.Open(source, dataset.Items.Titles);
            var lora = PolicySetup.MaybeInjectLora(policy.Model, result.GetValue(loraRank), options.Seed, source.Backbone ?? "");
            var itemSids = ItemSids.For(dataset.Items, policy.Sids, policy.SidFolder);
            var builder = new TaskBuilder(evaluationSplit, policy.Vocabulary, itemSids, taskOptions);
            var examples = BuildExamples(builder, taskKinds, contextKind);
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"sft: {examples.Count:N0} examples ({string.Join(", ", taskKinds)}; context {contextKind}), vocabulary {policy.Vocabulary.Size:N0}, {policy.Model.parameters().Sum(p => p.numel()):N0} parameters"));

            var outFolder = OutputPath.CheckFolder("--out", result.GetRequiredValue(output));
            // AdamW keeps only parameters that require grad: every weight, or the adapters (plus embeddings) under LoRA.
            using var trainer = new SftTrainer(policy.Model, policy.Model.named_parameters().Select(p => (p.name, p.parameter)), examples,
                policy.Vocabulary.PadId, policy.Vocabulary.Fingerprint, options, Path.Combine(outFolder, "checkpoints"));
            var run = trainer.Run(new SftProgressLines(console, options), ct);
            if (lora is not null)
            {
                lora.SaveAdapter(Directory.CreateDirectory(Path.Combine(outFolder, "adapter")).FullName);
                lora.Merge();
            }
            var bundleFolder = Path.Combine(outFolder, "model");
            PolicyBundle.Save(bundleFolder, policy.Model, policy.Vocabulary, policy.SidFolder);
            await console.Out.WriteLineAsync(run.FirstStep > run.LastStep
                ? $"sft: already trained to step {run.LastStep} (final loss {run.FinalLoss.ToString("0.0000", CultureInfo.InvariantCulture)}); wrote {bundleFolder}"
                : string.Create(CultureInfo.InvariantCulture, $"sft: steps {run.FirstStep}..{run.LastStep}, final loss {run.FinalLoss:0.0000}, {run.TokensPerSecond:N0} tokens/s; wrote {bundleFolder}"));
        }));
        return command;
    }

    static List<TrainingExample> BuildExamples(TaskBuilder builder, IReadOnlyList<string> kinds, ContextKind context)
    {
        var examples = new List<TrainingExample>();
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case "translation": examples.AddRange(builder.Translation()); break;
                case "alignment": examples.AddRange(builder.Alignment().Select(a => a.Example)); break;
                case "next-negative": examples.AddRange(builder.NextNegative(context)); break;
            }
        }
        return examples.Count > 0 ? examples : throw new BadInputException($"--tasks {string.Join(",", kinds)} produced no training examples from this dataset's history");
    }

    static string[] ParseTasks(string text)
    {
        string[] known = ["translation", "alignment", "next-negative"];
        var kinds = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.ToLowerInvariant()).Distinct().ToArray();
        foreach (var kind in kinds)
            if (!known.Contains(kind)) throw new BadInputException($"--tasks: unknown task '{kind}' ({string.Join(", ", known)})");
        return kinds.Length > 0 ? kinds : throw new BadInputException("--tasks names no task");
    }

    internal static ContextKind ParseContext(string text) => text.Trim().ToLowerInvariant() switch
    {
        "negatives" => ContextKind.Negatives,
        "negatives-and-positives" => ContextKind.NegativesAndPositives,
        "recent-negatives" => ContextKind.RecentNegatives,
        var other => throw new BadInputException($"--context must be negatives, negatives-and-positives or recent-negatives (got '{other}')"),
    };
}
