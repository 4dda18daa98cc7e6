using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Grpo;
using CoNRec.Core.Baselines;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;
using Serilog;

namespace CoNRec.Cluster.Pipeline;

/// <summary>What each pipeline stage does and how its outputs are verified; the dataset and split are read once, on first use.</summary>
sealed class PipelineWork(RunConfig config, RunLayout layout, RunId grpoRun, IRunStore store, ClusterNodeOptions? node, TextWriter output,
    IGrpoHosting? grpoHosting = null)
{
    Dataset? _dataset;
    EvaluationSplit? _split;

    public string? EvaluationTable { get; private set; }

    string DatasetPath => config.Data.Dataset ?? layout.GeneratedDataset;

    Dataset Dataset => _dataset ??= config.Data.Read(DatasetPath);

    EvaluationSplit Split => _split ??= EvaluationSplit.Create(Dataset, config.Split);

    public async Task<bool> VerifyAsync(string stage, CancellationToken ct) => stage switch
    {
        PipelineStages.Data => File.Exists(DatasetPath),
        PipelineStages.Sid => SidBuilder.IsComplete(layout.Sid, Dataset),
        PipelineStages.AlignmentSft => SftStage.IsComplete(RunLayout.ModelOf(layout.AlignmentSft)),
        PipelineStages.WarmupSft => SftStage.IsComplete(RunLayout.ModelOf(layout.WarmupSft)),
        PipelineStages.Grpo => await GrpoStage.IsCompleteAsync(store, grpoRun, layout.Grpo, ct).ConfigureAwait(false),
        PipelineStages.Evaluation => File.Exists(layout.Evaluation),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown pipeline stage"),
    };

    public async Task RunAsync(string stage, ILogger log, StageProgress progress, CancellationToken ct)
    {
        switch (stage)
        {
            case PipelineStages.Data: RunData(log, progress, ct); break;
            case PipelineStages.Sid: RunSid(log, progress, ct); break;
            case PipelineStages.AlignmentSft: RunSft(SftTasks.Alignment, log, progress, ct); break;
            case PipelineStages.WarmupSft: RunSft(config.WarmupTasks, log, progress, ct); break;
            case PipelineStages.Grpo: await RunGrpoAsync(log, progress, ct).ConfigureAwait(false); break;
            case PipelineStages.Evaluation: await RunEvaluationAsync(log, progress, ct).ConfigureAwait(false); break;
            default: throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown pipeline stage");
        }
    }

    void RunData(ILogger log, StageProgress progress, CancellationToken ct)
    {
        if (config.Data.Synthetic is { } world)
        {
            var dataset = SyntheticWorld.Generate(world, progress.Part(f => $"synthetic world, {StageProgress.CountOf(f, world.Users)} users"), ct);
            DatasetFile.Write(dataset, layout.GeneratedDataset);
            _dataset = config.Data.Clean(dataset);
        }
        log.Information("Dataset {Dataset}: {Users} users, {Items} items, {Events} events; {Cases} users with a future negative",
            DatasetPath, Dataset.UserExternalIds.Count, Dataset.Items.Count, Dataset.Events.Count, Split.Cases.Count);
    }

    void RunSid(ILogger log, StageProgress progress, CancellationToken ct)
    {
        var epochs = progress.Part(f => $"RQ-VAE epoch {StageProgress.CountOf(f, config.Sid.Epochs)}");
        var (training, report) = SidBuilder.Build(Dataset, config.Sid, layout.Sid, epochs, ct);
        var last = training.Epochs[^1];
        log.Information("Semantic IDs: {Epochs} epochs, final loss {Loss:0.0000}, {Report}", training.Epochs.Count, last.Loss, report.Format());
    }

    void RunSft(SftTasks tasks, ILogger log, StageProgress progress, CancellationToken ct)
    {
        var alignment = tasks == SftTasks.Alignment;
        var options = alignment ? config.AlignmentSft : config.WarmupSft;
        var steps = progress.Of<SftStep>(s => (s.Step / (double)options.Steps,
            string.Create(CultureInfo.InvariantCulture, $"step {s.Step}/{options.Steps}, loss {s.Loss:0.0000}")));
        var result = SftStage.Train(Split, config.Policy,
            sidFolder: alignment ? layout.Sid : null,
            initBundle: alignment ? null : RunLayout.ModelOf(layout.AlignmentSft),
            tasks, ContextKind.Negatives,
            options,
            config.Tasks,
            alignment ? layout.AlignmentSft : layout.WarmupSft,
            StageProgress.Both(new SftLog(log, options.LogEvery), steps), ct);
        log.Information("SFT steps {FirstStep}..{LastStep}, final loss {Loss:0.0000}, {TokensPerSecond:0} tokens/s",
            result.FirstStep, result.LastStep, result.FinalLoss, result.TokensPerSecond);
    }

    async Task RunGrpoAsync(ILogger log, StageProgress progress, CancellationToken ct)
    {
        progress.Report(0, "starting the rollout, reward and learner roles");
        var result = await GrpoStage.RunAsync(config, Split, RunLayout.ModelOf(layout.WarmupSft), grpoRun, layout.Grpo, store, node, log,
            progress.Of<GrpoStepProgress>(GrpoDetail), ct, DatasetPath, grpoHosting).ConfigureAwait(false);
        log.Information("GRPO: {Steps} steps, final policy version {PolicyVersion}", result.Steps, result.PolicyVersion);
    }

    internal static (double, string) GrpoDetail(GrpoStepProgress step) => (step.Step / (double)Math.Max(1, step.TotalSteps),
        string.Create(CultureInfo.InvariantCulture,
            $"step {step.Step}/{step.TotalSteps}, {step.StageName} ({step.StageIndex + 1}/{step.StageCount}), reward/mean {step.RewardMean:0.000}"));

    async Task RunEvaluationAsync(ILogger log, StageProgress progress, CancellationToken ct)
    {
        var options = config.Evaluation;
        options.Validate();
        var popularity = new DislikePopularityRanker(Split);
        string Users(double f) => $"{StageProgress.CountOf(f, Split.Cases.Count)} users";
        // The policy's beam search is most of the stage; ranking the candidates and the baseline are quick.
        IProgress<double>? PolicyPart(string label) => label.StartsWith("beam ", StringComparison.Ordinal)
            ? progress.Part(f => $"beam search conrec-grpo, {Users(f)}", 0.05, 0.9)
            : progress.Part(f => $"ranking conrec-grpo, {Users(f)}", 0.9, 1);
        var results = new List<EvaluationResult>
        {
            Evaluator.Evaluate(Split, popularity, popularity, options, progress.Part(f => $"popularity baseline, {Users(f)}", 0, 0.05), ct),
            PolicyEvaluation.Evaluate("conrec-grpo", RunLayout.ModelOf(layout.Grpo), adapter: null, (config.Policy.Device, config.Policy.Dtype),
                Split, options, ContextKind.Negatives, (int)config.Seed, PolicyPart, ct),
        };
        ResultJson.Write(layout.Evaluation, results, ResultMetadata.From(Split, options));
        EvaluationTable = ResultTable.Format(results);
        await output.WriteLineAsync(EvaluationTable).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {layout.Evaluation}")).ConfigureAwait(false);
        log.Information("Evaluation written to {EvaluationFile}", layout.Evaluation);
    }
}
