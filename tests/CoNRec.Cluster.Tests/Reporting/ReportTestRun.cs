using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;
using CoNRec.Storage.Sqlite;

namespace CoNRec.Cluster.Tests.Reporting;

/// <summary>
/// A real SQLite run store in a temporary folder, and a run of three stages: an SFT warm-up (steps 0-9) that
/// reports only update time, GRPO stage 1 (10-19) with every metric, and GRPO stage 2 (20-29) without
/// reward/std or clip_frac. A checkpoint is committed at step 25.
/// </summary>
internal sealed class ReportTestRun : IAsyncDisposable
{
    public const string ConfigJson = """
        {
          "name": "nightly",
          "store": { "url": "postgres://conrec:s3cr3t-pw@db.internal:5432/runs", "password": "hunter2" },
          "tracker": { "apiKey": "sk-live-123", "hfToken": "hf_abcdef" },
          "grpo": { "beta": 0.04, "maxTokens": 512, "groupSize": 8 }
        }
        """;

    public static readonly string[] Secrets = ["s3cr3t-pw", "hunter2", "sk-live-123", "hf_abcdef"];

    public static readonly StagePlan[] Stages =
    [
        new(0, "sft warm-up", "sft-warmup", null, 640),
        new(1, "grpo stage 1", "grpo-1", 0.04, 1_280),
        new(2, "grpo stage 2", "grpo-2", 0.01, 1_280),
    ];

    ReportTestRun(string folder, SqliteRunStore store)
    {
        Folder = folder;
        Store = store;
    }

    public string Folder { get; }

    public SqliteRunStore Store { get; }

    public string ReportFolder => Path.Combine(Folder, "report");

    public static async Task<ReportTestRun> OpenAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conrec-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new ReportTestRun(folder, await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db")));
    }

    /// <summary>The three-stage run described above.</summary>
    public async Task<RunId> CreateTrainedRunAsync(string name = "nightly")
    {
        var run = await CreateEmptyRunAsync(name);
        for (var step = 0; step < 30; step++)
            await Store.RecordStepAsync(new StepRecord(run, step, step / 10, new PolicyVersion(step), 64, MetricsAt(step), DateTimeOffset.UtcNow));
        await Store.CommitCheckpointAsync(
            new NewCheckpoint(CheckpointId.For(run, 25), run, 25, 2, new PolicyVersion(25), "file:///runs/ckpt/25", "ab12", 4_096, "fhr@20", 0.21),
            new RunCursor(2, 25, 1_600, "rng"),
            new RetentionPolicy());
        return run;
    }

    /// <summary>A run with the three stages planned and no steps.</summary>
    public async Task<RunId> CreateEmptyRunAsync(string name = "fresh")
    {
        var run = RunId.New(TimeProvider.System);
        await Store.CreateRunAsync(new NewRun(run, name, ConfigJson, 7));
        await Store.UpsertStagesAsync(run, Stages);
        return run;
    }

    static Dictionary<string, double> MetricsAt(int step)
    {
        if (step < 10)
            return new() { ["loss"] = 2.0 - step * 0.1, ["timing_s/update"] = 0.5 };
        var metrics = new Dictionary<string, double>
        {
            ["reward/mean"] = 0.1 + 0.02 * step,
            ["kl"] = 0.001 * step,
            ["grad_norm"] = 1.5,
            ["timing_s/gen"] = 2.0,
            ["timing_s/reward"] = 1.0,
            ["timing_s/update"] = 1.0,
        };
        if (step < 20)
        {
            metrics["reward/std"] = 0.05;
            metrics["clip_frac"] = 0.2 - 0.01 * (step - 10);
        }

        return metrics;
    }

    /// <summary>Two models' results with hand-picked values.</summary>
    public static IReadOnlyList<EvaluationResult> Evaluation() =>
    [
        new("popularity", 20, 100, 80, new(0.10, 80), new(0.20, 80), new(0.05, 10), new(0.01, 40), new(0.12, 80), new(0.07, 80), null),
        new("conrec", 20, 100, 80, new(0.25, 80), new(0.41, 80), new(0.15, 10), new(0.09, 40), new(0.30, 80), new(0.18, 80), new(0.62, 80)),
    ];

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
