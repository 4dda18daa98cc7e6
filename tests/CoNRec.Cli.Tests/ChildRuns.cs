using System.Diagnostics;
using CoNRec.Cli.Tests.Commands.Train;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using Microsoft.Data.Sqlite;

namespace CoNRec.Cli.Tests;

/// <summary>A training run's rows as its store holds them once the process has ended.</summary>
internal sealed record RunState(RunManifest Manifest, RunRecord Pipeline, IReadOnlyList<StageRecord> PipelineStages, RunRecord Grpo,
    IReadOnlyList<StageRecord> CurriculumStages, IReadOnlyList<StepRecord> Steps);

/// <summary>What the tests that run <c>conrec train</c> as a child process share: the config, the store read back, and a poll of the live store.</summary>
internal static class ChildRuns
{
    /// <summary>The small run with three GRPO stages of <paramref name="stepsPerStage"/> steps each (two prompts a step).</summary>
    public static RunConfig ThreeGrpoStages(string name, int stepsPerStage, Func<GrpoSection, GrpoSection> grpo)
    {
        var small = TrainCommandTests.Small();
        var settings = grpo(small.Grpo);
        var budget = stepsPerStage * settings.SamplesPerStep;
        return small with
        {
            Name = name,
            Grpo = settings,
            Curriculum = new CurriculumOptions
            {
                Stages =
                [
                    new CurriculumStage(0, "grpo-recent", StageContext.RecentNegatives, budget, 0.04),
                    new CurriculumStage(1, "grpo-negatives", StageContext.Negatives, budget, 0.02),
                    new CurriculumStage(2, "grpo-late", StageContext.Negatives, budget, 0.01),
                ],
            },
        };
    }

    /// <summary>The run's rows from <paramref name="location"/> (default: the run folder's embedded store).</summary>
    public static async Task<RunState> ReadAsync(string runDir, StoreLocation? location = null)
    {
        var manifest = TrainingPipeline.Manifest(runDir)!;
        await using var store = await RunStore.OpenAsync(location ?? StoreLocation.DefaultFor(Path.GetFullPath(runDir)));
        return new RunState(manifest, (await store.GetRunAsync(manifest.Run))!, await store.GetStagesAsync(manifest.Run),
            (await store.GetRunAsync(manifest.GrpoRun))!, await store.GetStagesAsync(manifest.GrpoRun), await store.GetStepsAsync(manifest.GrpoRun));
    }

    /// <summary>Polling on its own thread: GRPO steps of these configs take tens of milliseconds, a busy pool could miss them.</summary>
    public static Task<T> OnOwnThread<T>(Func<T> poll) => Task.Factory.StartNew(poll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Reads the child's store read-only (the child owns it) every 5 ms until <paramref name="query"/> on the GRPO run's id
    /// gives a value <paramref name="done"/> accepts; fails the test when the child exits first or the deadline passes.
    /// </summary>
    public static T PollStore<T>(ConrecProcess child, string runDir, TimeSpan deadline, string waitingFor, Func<SqliteCommand, T?> query, Func<T, bool> done)
        where T : class
    {
        var database = StoreLocation.DefaultFor(Path.GetFullPath(runDir)).SqlitePath!;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (child.HasExited) Assert.Fail($"conrec train exited ({child.ExitCode}) before {waitingFor}\n{child}");
            if (clock.Elapsed > deadline) Assert.Fail($"no {waitingFor} within {deadline}\n{child}");
            if (TrainingPipeline.Manifest(runDir) is { } manifest && File.Exists(database) && TryQuery(database, manifest.GrpoRunId, query) is { } value && done(value))
                return value;
            Thread.Sleep(5);
        }
    }

    static T? TryQuery<T>(string database, string grpoRun, Func<SqliteCommand, T?> query) where T : class
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$run", grpoRun);
            return query(command);
        }
        catch (SqliteException)
        {
            return null; // not created or migrated yet: ask again
        }
    }
}
