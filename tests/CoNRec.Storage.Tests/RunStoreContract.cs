using CoNRec.Core.Runs;

namespace CoNRec.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IRunStore"/> must have. Each implementation's test class derives from this
/// and only says how to open a fresh, empty store; xunit runs every test here once per implementation.
/// </summary>
public abstract partial class RunStoreContract : IAsyncLifetime
{
    static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private protected ManualClock Clock { get; } = new(Start);

    protected IRunStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store whose clock is <paramref name="time"/>.</summary>
    protected abstract Task<IRunStore> OpenStoreAsync(TimeProvider time);

    /// <summary>Called after the store is disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Store = await OpenStoreAsync(Clock);

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await CleanUpAsync();
    }

    static readonly StagePlan[] TwoStages =
    [
        new(0, "semantic ids", "sid", null, 100),
        new(1, "grpo stage 1", "grpo-1", 0.04, 1_000),
    ];

    /// <summary>A new run with a SID stage (0) and a GRPO stage (1).</summary>
    protected async Task<RunId> NewRunAsync(string name = "demo")
    {
        var id = RunId.New(Clock);
        await Store.CreateRunAsync(new NewRun(id, name, """{"seed":7}""", 7));
        await Store.UpsertStagesAsync(id, TwoStages);
        return id;
    }

    protected StepRecord Step(RunId run, long step, int stage = 1, long samples = 8) =>
        new(run, step, stage, new PolicyVersion(step), samples, new Dictionary<string, double> { ["reward/mean"] = step / 10.0, ["kl"] = 0.01 }, Clock.GetUtcNow());

    protected static NewCheckpoint Checkpoint(RunId run, long step, double? fhr = null) =>
        new(CheckpointId.For(run, step), run, step, 1, new PolicyVersion(step), $"file:///runs/{run}/ckpt/{step}", $"sha-{step}", 1_000 + step,
            fhr is null ? null : "fhr@20", fhr);

    protected static RunCursor CursorAt(long step) => new(1, step, step * 64, $"rng-{step}");
}
