using System.Diagnostics;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using CoNRec.Storage.Postgres;

namespace CoNRec.Cli.Tests.Commands.Train;

/// <summary>What the store held at one moment (<see cref="At"/>: since the watch began); <see cref="Failed"/>: the server did not answer.</summary>
internal sealed record StoreReading(TimeSpan At, bool Failed, RunRecord? Grpo, IReadOnlyList<StepRecord> Steps, IReadOnlyList<CheckpointRecord> Checkpoints)
{
    public long CursorStep => Grpo?.Cursor.Step ?? 0;
}

/// <summary>
/// A child run's GRPO run read from a PostgreSQL store every 10 ms by a background loop, through an outage of the server
/// (a read then fails at once: this store does not retry), so that a test can tell what was recorded before the outage
/// and when the next step came.
/// </summary>
internal sealed class StoreWatch : IAsyncDisposable
{
    readonly IRunStore _store;
    readonly ConrecProcess _child;
    readonly string _runDir;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly List<StoreReading> _readings = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    StoreWatch(IRunStore store, ConrecProcess child, string runDir)
    {
        (_store, _child, _runDir) = (store, child, runDir);
        _loop = Task.Run(LoopAsync);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<StoreWatch> OpenAsync(StoreLocation location, ConrecProcess child, string runDir) =>
        new(await RunStore.OpenAsync(location, retry: new StoreRetryOptions { MaxElapsed = TimeSpan.Zero }), child, runDir);

    /// <summary>The first reading from <paramref name="from"/> on that <paramref name="done"/> accepts; fails the test when the child exits first or the deadline passes.</summary>
    public async Task<StoreReading> UntilAsync(Func<StoreReading, bool> done, TimeSpan deadline, string waitingFor, TimeSpan from = default)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? exitedAt = null;
        while (true)
        {
            lock (_readings)
                if (_readings.FirstOrDefault(r => r.At >= from && !r.Failed && r.Grpo is not null && done(r)) is { } found)
                    return found;
            if (_loop.IsCompleted) await _loop;
            // A child that finished quickly may exit before this watch's own connections recover from the outage: its
            // last state is still read, for a grace period, before the exit counts as failure.
            if (_child.HasExited) exitedAt ??= clock.Elapsed;
            if (clock.Elapsed - exitedAt > ExitGrace) Assert.Fail($"conrec train exited ({_child.ExitCode}) before {waitingFor}\n{_child}");
            if (clock.Elapsed > deadline) Assert.Fail($"no {waitingFor} within {deadline}\n{_child}");
            await Task.Delay(10);
        }
    }

    /// <summary>The first failed reading from <paramref name="from"/> on, and the last good one before it (what the store held when the server went away).</summary>
    public (StoreReading LastGood, StoreReading FirstFailed) OutageFrom(TimeSpan from)
    {
        lock (_readings)
        {
            var failed = _readings.FirstOrDefault(r => r.At >= from && r.Failed) ?? throw new InvalidOperationException($"no read failed after {from}");
            var good = _readings.LastOrDefault(r => r.At < failed.At && !r.Failed && r.Grpo is not null) ?? throw new InvalidOperationException("no read succeeded before the outage");
            return (good, failed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _store.DisposeAsync();
        _stop.Dispose();
    }

    async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (await ReadAsync() is { } reading)
                lock (_readings) _readings.Add(reading);
            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task<StoreReading?> ReadAsync()
    {
        if (TrainingPipeline.Manifest(_runDir) is not { } manifest) return null;
        try
        {
            var run = await _store.GetRunAsync(manifest.GrpoRun, _stop.Token);
            var steps = await _store.GetStepsAsync(manifest.GrpoRun, cancellationToken: _stop.Token);
            var checkpoints = await _store.ListCheckpointsAsync(manifest.GrpoRun, _stop.Token);
            return new StoreReading(_clock.Elapsed, false, run, steps, [.. checkpoints.Where(c => !c.Deleted)]);
        }
        catch (RunStoreUnavailableException)
        {
            return new StoreReading(_clock.Elapsed, true, null, [], []);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return null;
        }
    }
}
