using CoNRec.Core.Runs;
using CoNRec.Storage.Sqlite;

namespace CoNRec.Cli.Tests.Commands.Runs;

/// <summary>
/// A real SQLite run store in a temporary run directory (DIR/store.db) holding one run: two stages (an SFT
/// warm-up, steps 0-3, and GRPO stage 1, steps 4-7, with reward, KL and clip-fraction metrics), a checkpoint
/// committed at step 6, and a config whose store URL, password and API key must never be printed.
/// </summary>
internal sealed class StoredRun : IDisposable
{
    public const string ConfigJson = """
        {
          "name": "nightly",
          "store": { "url": "postgres://conrec:pg-s3cr3t@db.internal:5432/runs", "password": "hunter2-pw" },
          "tracker": { "apiKey": "sk-live-4242" },
          "grpo": { "groupSize": 8 }
        }
        """;

    public static readonly string[] Secrets = ["pg-s3cr3t", "hunter2-pw", "sk-live-4242"];

    public static readonly StagePlan[] Stages =
    [
        new(0, "sft warm-up", "sft-warmup", null, 256),
        new(1, "grpo stage 1", "grpo-1", 0.04, 256),
    ];

    public const int StepCount = 8;

    public const long CheckpointStep = 6;

    readonly TempFolder _temp = new();

    StoredRun(RunId id) => Id = id;

    public RunId Id { get; }

    /// <summary>The run directory; the store is its <c>store.db</c>.</summary>
    public string RunDirectory => _temp.Root;

    public string StorePath => _temp.PathOf("store.db");

    public string Store => "sqlite:" + StorePath;

    public TempFolder Temp => _temp;

    public static async Task<StoredRun> CreateAsync(string name = "nightly")
    {
        var run = new StoredRun(RunId.New(TimeProvider.System));
        await using var store = await SqliteRunStore.OpenAsync(run.StorePath);
        await store.CreateRunAsync(new NewRun(run.Id, name, ConfigJson, 7));
        await store.UpsertStagesAsync(run.Id, Stages);
        await store.SetStageStatusAsync(run.Id, 0, StageStatus.Completed);
        await store.SetStageStatusAsync(run.Id, 1, StageStatus.Running);
        await store.UpdateRunStatusAsync(run.Id, RunStatus.Running);
        for (var step = 0; step < StepCount; step++)
            await store.RecordStepAsync(new StepRecord(run.Id, step, step / 4, new PolicyVersion(step), 32, MetricsAt(step), DateTimeOffset.UtcNow));
        await store.CommitCheckpointAsync(
            new NewCheckpoint(CheckpointId.For(run.Id, CheckpointStep), run.Id, CheckpointStep, 1, new PolicyVersion(CheckpointStep), "file:///runs/nightly/ckpt-6", "c0ffee", 2_048),
            new RunCursor(1, CheckpointStep, 224, "rng"),
            new RetentionPolicy());
        return run;
    }

    static Dictionary<string, double> MetricsAt(int step) => step < 4
        ? new() { ["loss"] = 2.0 - step * 0.25, ["timing_s/update"] = 0.5 }
        : new()
        {
            ["reward/mean"] = 0.1 * step,
            ["reward/std"] = 0.05,
            ["kl"] = 0.001 * step,
            ["clip_frac"] = 0.02 * step,
            ["timing_s/gen"] = 2.0,
            ["timing_s/update"] = 1.0,
        };

    public void Dispose()
    {
        // Pooled SQLite connections keep the file open; clear them so the folder can be deleted everywhere.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
