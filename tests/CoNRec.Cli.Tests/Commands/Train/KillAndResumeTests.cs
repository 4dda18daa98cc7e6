using System.Diagnostics;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Runs;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CoNRec.Cli.Tests.Commands.Train;

/// <summary>
/// The crash the run store exists for: <c>conrec train</c> in its own process, SIGKILLed mid-GRPO (no handler runs: the
/// run and its pipeline stage stay Running, a lease may stay granted, a step after the last commit stays recorded),
/// then <c>conrec resume</c> in a new process, compared with an uninterrupted run of the same config in another folder
/// (a third process, run alongside).
/// <para>
/// Everything compared is equal BITWISE: step numbers, stage indexes, policy versions and samples; every per-step
/// metric except the wall-clock ones (timing_s/*, perf/*); the curriculum stages' names, betas, statuses and samples
/// done; eval.json, character for character; and the final policy (the published safetensors and the GRPO bundle), byte
/// for byte. No tolerance is needed: on CPU every quantity is a deterministic function of what the checkpoint restores
/// exactly (float32 weights and AdamW moments written and read bit for bit, the step count, the curriculum cursor and
/// sampler position as integers) and of the sampling seeds, which are stateless per (seed, step, group); groups reach
/// the learner in group order whichever worker finished first.
/// </para>
/// <para>
/// The one condition is the thread count: libtorch splits CPU reductions by it, so a run on two threads differs from a
/// run on one in the last bits from the first GRPO step on (e.g. a step's loss 0 against 7.45e-9), resumed or not. Every
/// run here uses <c>--threads 1</c>, each in its own process, so no test that sets the count in this process can
/// interfere; the same count in different processes agrees.
/// </para>
/// </summary>
public sealed class KillAndResumeTests(ITestOutputHelper output)
{
    const int StepsPerStage = 8;
    const int Stages = 3;
    const int TotalSteps = StepsPerStage * Stages;

    /// <summary>The kill lands in the second stage, after this step's commit, preferably once a later step is recorded.</summary>
    const int KillAfterStep = StepsPerStage + 2;

    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>The small run with three GRPO stages of eight steps (two prompts a step), a commit every second step.</summary>
    static RunConfig Config() => ChildRuns.ThreeGrpoStages("kill", StepsPerStage, g => g with { CheckpointEvery = 2 });

    [Fact]
    public async Task A_run_killed_mid_grpo_resumes_to_the_same_steps_stages_metrics_evaluation_and_policy_as_an_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var config = temp.PathOf("kill.json");
        RunConfigFile.Save(Config(), config);
        var straightDir = temp.PathOf("straight");
        var killedDir = temp.PathOf("killed");
        var clock = Stopwatch.StartNew();

        using var straight = ConrecProcess.Start("train", "--config", config, "--run-dir", straightDir, "--threads", "1");
        using var child = ConrecProcess.Start("train", "--config", config, "--run-dir", killedDir, "--threads", "1");
        var atKill = await ChildRuns.OnOwnThread(() => KillAtCommittedGrpoStep(child, killedDir));
        var killTime = clock.Elapsed;
        var killed = await ChildRuns.ReadAsync(killedDir);
        using var resume = ConrecProcess.Start("resume", killed.Manifest.RunId, "--run-dir", killedDir, "--threads", "1");
        var resumed = await resume.ExitOkAsync(Deadline);
        var resumeTime = clock.Elapsed - killTime;
        await straight.ExitOkAsync(Deadline);
        output.WriteLine($"killed after {killTime.TotalSeconds:0.0}s at GRPO cursor step {atKill.CursorStep} with {atKill.StepsRecorded} steps recorded; " +
            $"resume {resumeTime.TotalSeconds:0.0}s; uninterrupted run (alongside) done by {clock.Elapsed.TotalSeconds:0.0}s");

        var expected = await ChildRuns.ReadAsync(straightDir);
        var actual = await ChildRuns.ReadAsync(killedDir);
        Assert.Equal(RunStatus.Running, killed.Grpo.Status);
        Assert.Equal(StageStatus.Running, killed.PipelineStages.Single(s => s.Name == PipelineStages.Grpo).Status);
        Assert.InRange(killed.Grpo.Cursor.Step, KillAfterStep, TotalSteps - 1);
        Assert.Contains("2 stages ran, 4 already completed", resumed);
        Assert.Equal(Enumerable.Range(1, TotalSteps).Select(i => (long)i), expected.Steps.Select(s => s.Step));
        Assert.Equal(expected.Steps.Select(s => (s.Step, s.StageIndex, s.PolicyVersion.Value, s.Samples)),
            actual.Steps.Select(s => (s.Step, s.StageIndex, s.PolicyVersion.Value, s.Samples)));
        Assert.Equal(expected.CurriculumStages.Select(s => (s.Name, s.Kind, s.Beta, s.Status, s.SamplesDone)),
            actual.CurriculumStages.Select(s => (s.Name, s.Kind, s.Beta, s.Status, s.SamplesDone)));
        Assert.All(expected.CurriculumStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.All(actual.PipelineStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal(RunStatus.Completed, actual.Grpo.Status);
        Assert.Equal(RunStatus.Completed, actual.Pipeline.Status);
        var compared = expected.Steps[^1].Metrics.Keys.Where(IsDeterministic).Order(StringComparer.Ordinal).ToArray();
        output.WriteLine($"metrics compared bitwise at every step: {string.Join(", ", compared)}");
        Assert.Subset(new HashSet<string>(compared), new HashSet<string> { "reward/mean", "reward/std", "kl", "clip_frac", "entropy", "grad_norm" });
        var differences = MetricDifferences(expected.Steps, actual.Steps);
        Assert.True(differences.Count == 0, $"{differences.Count} metric(s) differ in their bits, e.g.\n{string.Join('\n', differences.Take(8))}");
        var (straightLayout, killedLayout) = (new RunLayout(straightDir), new RunLayout(killedDir));
        Assert.Equal(File.ReadAllText(straightLayout.Evaluation), File.ReadAllText(killedLayout.Evaluation));
        AssertSameFiles(PolicyWeights.PathOf(straightLayout.Grpo, TotalSteps), PolicyWeights.PathOf(killedLayout.Grpo, TotalSteps));
        var bundle = RunLayout.ModelOf(straightLayout.Grpo);
        foreach (var file in Directory.GetFiles(bundle, "*", SearchOption.AllDirectories))
            AssertSameFiles(file, Path.Combine(RunLayout.ModelOf(killedLayout.Grpo), Path.GetRelativePath(bundle, file)));
    }

    /// <summary>The metrics that are a function of the data, weights and seeds (not of the wall clock).</summary>
    static bool IsDeterministic(string metric) => !metric.StartsWith("timing_s/", StringComparison.Ordinal) && !metric.StartsWith("perf/", StringComparison.Ordinal);

    /// <summary>"step S NAME: A vs B" for every metric whose bits differ (or that only one run has).</summary>
    static List<string> MetricDifferences(IReadOnlyList<StepRecord> expected, IReadOnlyList<StepRecord> actual)
    {
        var differences = new List<string>();
        foreach (var (e, a) in expected.Zip(actual))
        {
            var names = e.Metrics.Keys.Concat(a.Metrics.Keys).Where(IsDeterministic).Distinct().Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var have = (e.Metrics.TryGetValue(name, out var x), a.Metrics.TryGetValue(name, out var y));
                if (have != (true, true) || BitConverter.DoubleToInt64Bits(x) != BitConverter.DoubleToInt64Bits(y))
                    differences.Add($"step {e.Step} {name}: {x:R} vs {y:R}");
            }
        }
        return differences;
    }

    static void AssertSameFiles(string expected, string actual) =>
        Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)), $"{actual} differs from {expected}");

    sealed record GrpoProgress(long CursorStep, long StepsRecorded);

    /// <summary>
    /// Polls the child's store until its GRPO run has committed the checkpoint of <see cref="KillAfterStep"/> or later and
    /// recorded a step after its last commit (so resume must discard it; or, if no poll lands in that window, two commits
    /// later), then SIGKILLs the child.
    /// </summary>
    static GrpoProgress KillAtCommittedGrpoStep(ConrecProcess child, string runDir)
    {
        var progress = ChildRuns.PollStore(child, runDir, Deadline, "a committed GRPO checkpoint to kill at", ReadProgress,
            p => p.CursorStep >= KillAfterStep && (p.StepsRecorded > p.CursorStep || p.CursorStep >= KillAfterStep + 4));
        child.Kill();
        return progress;
    }

    static GrpoProgress? ReadProgress(SqliteCommand command)
    {
        command.CommandText = """
            SELECT r.step, (SELECT COUNT(*) FROM steps s WHERE s.run_id = r.id) FROM runs r
            WHERE r.id = $run AND r.latest_checkpoint_id IS NOT NULL AND r.status <> 'Completed'
            """;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new GrpoProgress(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }
}
