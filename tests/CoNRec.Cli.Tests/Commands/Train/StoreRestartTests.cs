using System.Diagnostics;
using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using CoNRec.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace CoNRec.Cli.Tests.Commands.Train;

/// <summary>
/// A PostgreSQL restart under a live run: <c>conrec train</c> in its own process against a real server (the storage tests'
/// fixture), the server stopped in fast mode mid-GRPO (sessions ended with 57P01, new connections refused), kept down for
/// a few seconds and started again on the same port and data. The run must pause, go on by itself and complete with
/// every step recorded once and every checkpoint committed before the outage intact.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreRestartTests(PostgresServerFixture server, ITestOutputHelper output)
{
    /// <summary>Enough steps that the outage lands mid-GRPO and the run outlasts it on a quiet machine too (a step takes ~0.05 s).</summary>
    const int StepsPerStage = 24;
    const int TotalSteps = StepsPerStage * 3;

    /// <summary>The server stops once this step's checkpoint is committed and a later step is recorded (or two commits later).</summary>
    const int StopAfterStep = 4;

    /// <summary>Long enough for the run to visibly pause: several of the store's backoff delays.</summary>
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>The kill-and-resume test's run (a commit every second step), its store on the server; every checkpoint kept.</summary>
    static RunConfig Config(string store) => ChildRuns.ThreeGrpoStages("restart", StepsPerStage, g => g with { CheckpointEvery = 2 }) with
    {
        Store = new StoreSection { Location = store },
        Retention = new RetentionPolicy { KeepLast = 100 },
    };

    [Fact]
    public async Task A_run_whose_postgresql_server_restarts_mid_grpo_pauses_then_completes_with_every_step_once_and_its_checkpoints_kept()
    {
        using var temp = new TempFolder();
        var url = await server.CreateStoreUrlAsync();
        var location = StoreLocation.Parse(url, environment: name => name == StoreLocation.PasswordVariable ? server.Password : null);
        await MigrationRunner.ApplyAsync(location);
        var config = temp.PathOf("restart.json");
        RunConfigFile.Save(Config(url), config);
        var runDir = temp.PathOf("run");
        var password = new Dictionary<string, string> { [StoreLocation.PasswordVariable] = server.Password };

        using var child = ConrecProcess.Start(password, "train", "--config", config, "--run-dir", runDir, "--threads", "1");
        await using var watch = await StoreWatch.OpenAsync(location, child, runDir);
        var atStop = await watch.UntilAsync(r => r.CursorStep >= StopAfterStep && (r.Steps.Count > r.CursorStep || r.CursorStep >= StopAfterStep + 4), Deadline,
            "a committed GRPO checkpoint to restart the server at");
        var stopped = watch.Elapsed;
        await server.StopAsync();
        await Task.Delay(Outage);
        await server.StartAsync();
        var started = watch.Elapsed;
        var (before, down) = watch.OutageFrom(stopped);
        var next = await watch.UntilAsync(r => r.Steps.Count > before.Steps.Count, Deadline, "a step recorded after the restart", down.At);
        await child.ExitOkAsync(Deadline);
        var after = await ChildRuns.ReadAsync(runDir, location);

        // A step redone would be recorded again (a second row, or its row rewritten: another time) or discarded (its row gone).
        var redone = before.Steps.Count(s => after.Steps.SingleOrDefault(a => a.Step == s.Step) is not { } a || a.RecordedAt != s.RecordedAt)
            + (after.Steps.Count - after.Steps.Select(s => s.Step).Distinct().Count());
        var retries = child.ErrorLines("A run store call failed");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server stopped at GRPO cursor step {atStop.CursorStep}; before the outage {before.Steps.Count} steps recorded, {before.Checkpoints.Count} checkpoints committed; " +
            $"stop + {Outage.TotalSeconds:0} s + start took {(started - stopped).TotalSeconds:0.00} s; next step (step {before.Steps.Count + 1}) seen " +
            $"{(next.At - stopped).TotalSeconds:0.00} s after the stop began, {(next.At - started).TotalSeconds:0.00} s after the server was back; " +
            $"steps redone: {redone}; store retries logged by the run: {retries.Count}, coordinator store jobs retried: {child.ErrorLines("in the run store (attempt").Count}"));
        foreach (var line in retries.Take(3)) output.WriteLine(line);
        Assert.Equal(RunStatus.Completed, after.Pipeline.Status);
        Assert.Equal(RunStatus.Completed, after.Grpo.Status);
        Assert.All(after.PipelineStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.All(after.CurriculumStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal(Enumerable.Range(1, TotalSteps).Select(i => (long)i), after.Steps.Select(s => s.Step));
        Assert.Equal(after.Steps.Sum(s => s.Samples), after.CurriculumStages.Sum(s => s.SamplesDone));
        Assert.Equal(0, redone);
        Assert.InRange(atStop.CursorStep, StopAfterStep, TotalSteps - 1);
        Assert.NotEmpty(before.Checkpoints);
        await using var store = await RunStore.OpenAsync(location);
        var kept = await store.ListCheckpointsAsync(after.Manifest.GrpoRun);
        foreach (var committed in before.Checkpoints)
        {
            var now = Assert.Single(kept, c => c.Id == committed.Id);
            Assert.Equal((committed.Step, committed.Sha256, committed.Uri, false), (now.Step, now.Sha256, now.Uri, now.Deleted));
            var path = LocalPath(now.Uri);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"checkpoint {now.Id} at step {now.Step}: {path} is gone");
        }
        // The pause had a cause in the log: calls that failed while the server was down were retried.
        Assert.NotEmpty(retries);
    }

    static string LocalPath(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
}
