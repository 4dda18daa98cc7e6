using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Hosting;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;
using Serilog;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>Trains one ablation row's policy (or finds the main run's) and evaluates it exactly as the main run's evaluation does.</summary>
sealed class AblationRowRunner(RunConfig config, RunLayout layout, AblationManifest manifest, EvaluationSplit split, IRunStore store, ClusterNodeOptions? node)
{
    /// <summary>The row's policy bundle folder, trained first when the row has its own training (resuming a partial one).</summary>
    /// <param name="progress">Training reports the first <see cref="TrainingShare"/> of the row; evaluation the rest.</param>
    public async Task<string> TrainAsync(AblationRow row, ILogger log, StageProgress progress, CancellationToken ct)
    {
        var folder = Path.Combine(layout.Ablation, row.Name);
        switch (row.Source)
        {
            case AblationSource.WarmupSft:
                return RunLayout.ModelOf(layout.WarmupSft);
            case AblationSource.MainGrpo:
                return RunLayout.ModelOf(layout.Grpo);
            case AblationSource.SftNegativesAndPositives:
                if (!SftStage.IsComplete(RunLayout.ModelOf(folder)))
                    SftStage.Train(split, config.Policy, sidFolder: null, initBundle: RunLayout.ModelOf(layout.AlignmentSft), config.WarmupTasks,
                        row.Context, config.WarmupSft, config.Tasks, folder,
                        StageProgress.Both(new SftLog(log, config.WarmupSft.LogEvery),
                            progress.Of<SftStep>(s => (TrainingShare * s.Step / config.WarmupSft.Steps, $"SFT step {s.Step}/{config.WarmupSft.Steps}, loss {s.Loss:0.0000}"))), ct);
                return RunLayout.ModelOf(folder);
            case AblationSource.Grpo:
                var grpoRun = manifest.GrpoRunOf(row.Name);
                if (!await GrpoStage.IsCompleteAsync(store, grpoRun, folder, ct).ConfigureAwait(false))
                {
                    var rowConfig = row.Grpo!(config);
                    rowConfig.Validate();
                    var steps = progress.Of<GrpoStepProgress>(s =>
                    {
                        var (fraction, detail) = PipelineWork.GrpoDetail(s);
                        return (TrainingShare * fraction, detail);
                    });
                    await GrpoStage.RunAsync(rowConfig, split, RunLayout.ModelOf(layout.WarmupSft), grpoRun, folder, store, node, log, steps, ct,
                        layout.DatasetOf(config)).ConfigureAwait(false);
                }
                return RunLayout.ModelOf(folder);
            default:
                throw new ArgumentOutOfRangeException(nameof(row), row.Source, "unknown ablation source");
        }
    }

    public EvaluationResult Evaluate(AblationRow row, string bundle, StageProgress progress, CancellationToken ct) =>
        PolicyEvaluation.Evaluate(row.Name, bundle, adapter: null, (config.Policy.Device, config.Policy.Dtype), split, config.Evaluation, row.Context,
            (int)config.Seed, label => label.StartsWith("beam ", StringComparison.Ordinal)
                ? progress.Part(f => $"beam search, {Users(f)}", TrainingShare, 0.95)
                : progress.Part(f => $"ranking, {Users(f)}", 0.95, 1), ct);

    string Users(double fraction) => $"{StageProgress.CountOf(fraction, split.Cases.Count)} users";

    /// <summary>The share of a row's progress bar for training (rows without training jump to it).</summary>
    const double TrainingShare = 0.7;
}
