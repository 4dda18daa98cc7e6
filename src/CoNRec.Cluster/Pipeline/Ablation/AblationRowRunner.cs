using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;
using CoNRec.Model.Tasks;
using Serilog;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>Trains one ablation row's policy (or finds the main run's) and evaluates it exactly as the main run's evaluation does.</summary>
sealed class AblationRowRunner(RunConfig config, RunLayout layout, AblationManifest manifest, EvaluationSplit split, IRunStore store, ClusterNodeOptions? node)
{
    /// <summary>The row's policy bundle folder, trained first when the row has its own training (resuming a partial one).</summary>
    public async Task<string> TrainAsync(AblationRow row, ILogger log, CancellationToken ct)
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
                    SftStage.Train(split, config.Policy, sidFolder: null, initBundle: RunLayout.ModelOf(layout.AlignmentSft), SftTasks.NextNegative,
                        row.Context, config.WarmupSft, config.Tasks, folder, new SftLog(log, config.WarmupSft.LogEvery), ct);
                return RunLayout.ModelOf(folder);
            case AblationSource.Grpo:
                var grpoRun = manifest.GrpoRunOf(row.Name);
                if (!await GrpoStage.IsCompleteAsync(store, grpoRun, folder, ct).ConfigureAwait(false))
                {
                    var rowConfig = row.Grpo!(config);
                    rowConfig.Validate();
                    await GrpoStage.RunAsync(rowConfig, split, RunLayout.ModelOf(layout.WarmupSft), grpoRun, folder, store, node, log, ct).ConfigureAwait(false);
                }
                return RunLayout.ModelOf(folder);
            default:
                throw new ArgumentOutOfRangeException(nameof(row), row.Source, "unknown ablation source");
        }
    }

    public EvaluationResult Evaluate(AblationRow row, string bundle, CancellationToken ct) =>
        PolicyEvaluation.Evaluate(row.Name, bundle, adapter: null, (config.Policy.Device, config.Policy.Dtype), split, config.Evaluation, row.Context,
            (int)config.Seed, progressFor: null, ct);
}
