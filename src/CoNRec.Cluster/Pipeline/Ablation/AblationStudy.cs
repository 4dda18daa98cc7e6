using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.IO;
using CoNRec.Core.Runs;
using CoNRec.Model.Evaluation;
using CoNRec.Storage;
using Serilog;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>What the study printed: the rows in table order, the alignment accuracy before GRPO, and the claims.</summary>
public sealed record AblationOutcome(RunId Study, IReadOnlyList<AblationResult> Rows, double? AlignmentBefore, string Table,
    IReadOnlyList<(string Claim, bool? Holds)> Claims);

/// <summary>
/// <c>conrec ablate</c>: the main training run (<see cref="TrainingPipeline"/>; skipped where already completed), then
/// every <see cref="AblationRow"/> on the same split with the same budget, each row a stage of the study's run in the
/// store and a folder under <c>ablation/</c>. A completed row is not trained or evaluated again, so an interrupted
/// study resumes where it stopped. Prints the table, the forgetting rates and which expected claims hold.
/// </summary>
public sealed class AblationStudy(RunConfig config, string runFolder, ILogger logger, TextWriter? output = null, ClusterNodeOptions? node = null,
    TimeProvider? time = null, IProgress<PipelineProgress>? progress = null)
{
    public const string StageKind = "ablation";
    const string ResultFile = "result.json";
    const string AlignmentBeforeFile = "alignment-before.json";

    /// <summary>The pipeline's stages, then the rows: the stage names a progress view shows.</summary>
    public static IReadOnlyList<string> Stages { get; } = [.. PipelineStages.All, .. AblationRow.All.Select(r => r.Name)];

    readonly RunLayout _layout = new(Path.GetFullPath(runFolder));
    readonly TextWriter _output = output ?? TextWriter.Null;

    public async Task<AblationOutcome> RunAsync(CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        await new TrainingPipeline(config, _layout.Folder, logger, _output, node, time, progress).RunAsync(ct).ConfigureAwait(false);
        var stored = TrainingPipeline.StoredConfig(_layout.Folder);
        var manifest = AblationManifest.ReadOrCreate(Path.Combine(_layout.Ablation, "ablation.json"), time ?? TimeProvider.System);
        var log = logger.ForContext(LogProperties.RunId, manifest.StudyRunId);

        await using var store = await RunStore.OpenAsync(stored.Store.Resolve(_layout.Folder), cancellationToken: ct).ConfigureAwait(false);
        var study = manifest.Study;
        await store.CreateRunAsync(new NewRun(study, stored.Name + "-ablation", stored.ToJson(), stored.Seed), ct).ConfigureAwait(false);
        await store.UpsertStagesAsync(study, [.. AblationRow.All.Select((r, i) => new StagePlan(i, r.Name, StageKind, null, 0))], ct).ConfigureAwait(false);
        await store.UpdateRunStatusAsync(study, RunStatus.Running, ct).ConfigureAwait(false);

        var split = EvaluationSplit.Create(stored.Data.Read(_layout.DatasetOf(stored)), stored.Split);
        var rows = new AblationRowRunner(stored, _layout, manifest, split, store, node);
        var results = new List<AblationResult>();
        try
        {
            var before = AlignmentBefore(stored, split, ct);
            for (var index = 0; index < AblationRow.All.Count; index++)
                results.Add(await RunRowAsync(store, study, index, rows, log, ct).ConfigureAwait(false));
            await store.UpdateRunStatusAsync(study, RunStatus.Completed, ct).ConfigureAwait(false);
            return await ReportAsync(study, results, before, stored.Evaluation.K, log).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var status = e is OperationCanceledException ? RunStatus.Cancelled : RunStatus.Failed;
            await store.UpdateRunStatusAsync(study, status, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    async Task<AblationResult> RunRowAsync(IRunStore store, RunId study, int index, AblationRowRunner rows, ILogger log, CancellationToken ct)
    {
        var row = AblationRow.All[index];
        var rowLog = log.ForContext(LogProperties.Stage, row.Name);
        var resultPath = Path.Combine(_layout.Ablation, row.Name, ResultFile);
        var stages = await store.GetStagesAsync(study, ct).ConfigureAwait(false);
        var rowProgress = new StageProgress(progress, row.Name);
        if (stages[index].Status == StageStatus.Completed && AblationResult.TryRead(resultPath) is { } done)
        {
            rowLog.Information("Ablation row {Row} already evaluated; skipped", row.Name);
            rowProgress.Skipped();
            return done;
        }
        await store.SetStageStatusAsync(study, index, StageStatus.Running, ct).ConfigureAwait(false);
        rowLog.Information("Ablation row {Row} ({Label}) starting", row.Name, row.Label);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            rowProgress.Report(0, row.Label);
            var bundle = await rows.TrainAsync(row, rowLog, rowProgress, ct).ConfigureAwait(false);
            var evaluated = rows.Evaluate(row, bundle, rowProgress, ct);
            var result = AblationResult.From(row, evaluated);
            result.Write(resultPath);
            await store.SetStageStatusAsync(study, index, StageStatus.Completed, ct).ConfigureAwait(false);
            rowProgress.Completed(string.Create(CultureInfo.InvariantCulture, $"FHR@{evaluated.K} {evaluated.FutureHitRate.Mean:0.0000}"));
            rowLog.Information("Ablation row {Row} done in {Seconds:0.0}s: FHR@{K} {Fhr:0.0000}", row.Name, clock.Elapsed.TotalSeconds,
                evaluated.K, evaluated.FutureHitRate.Mean);
            return result;
        }
        catch (Exception e)
        {
            rowProgress.Failed(e.Message);
            await store.SetStageStatusAsync(study, index, StageStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The alignment SFT model's held-out alignment accuracy: the 'before' of every forgetting rate.</summary>
    double? AlignmentBefore(RunConfig stored, EvaluationSplit split, CancellationToken ct)
    {
        var path = Path.Combine(_layout.Ablation, AlignmentBeforeFile);
        if (AblationResult.TryRead(path) is { } cached) return cached[AlignmentProbe.MetricName];
        var accuracy = PolicyEvaluation.AlignmentAccuracy(RunLayout.ModelOf(_layout.AlignmentSft), (stored.Policy.Device, stored.Policy.Dtype), split,
            (int)stored.Seed, ct);
        double? before = accuracy.IsDefined ? accuracy.Mean : null;
        new AblationResult(PipelineStages.AlignmentSft, "alignment SFT", new Dictionary<string, double?> { [AlignmentProbe.MetricName] = before }).Write(path);
        return before;
    }

    async Task<AblationOutcome> ReportAsync(RunId study, List<AblationResult> results, double? before, int k, ILogger log)
    {
        var table = AblationTable.Format(results, before, k);
        var claims = AblationTable.Claims(results, k);
        var text = table + Environment.NewLine + Environment.NewLine + AblationTable.FormatClaims(claims);
        var path = Path.Combine(_layout.Ablation, "table.txt");
        AtomicText.Write(path, text + Environment.NewLine);
        await _output.WriteLineAsync(text).ConfigureAwait(false);
        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {path}")).ConfigureAwait(false);
        log.Information("Ablation table written to {AblationTable}", path);
        return new AblationOutcome(study, results, before, table, claims);
    }
}
