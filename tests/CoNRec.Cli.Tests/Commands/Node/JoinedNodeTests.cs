using System.Diagnostics;
using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Core.Runs;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CoNRec.Cli.Tests.Commands.Node;

/// <summary>
/// GRPO work done by other processes: <c>conrec train</c> with no rollout workers of its own and a fixed port, and
/// <c>conrec node --roles rollout,reward</c> processes joining its cluster through that port, all on loopback. Every
/// process runs with <c>--threads 1</c> (two loaded cores). The training process always has the lower port: with two
/// members the split-brain resolver keeps the side with the lower address.
/// </summary>
public sealed class JoinedNodeTests(ITestOutputHelper output)
{
    const int StepsPerStage = 6;
    const int Stages = 3;
    const int TotalSteps = StepsPerStage * Stages;
    const int KillAfterStep = 4;

    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>The small run with three GRPO stages of six steps; a lost worker's leases come back after 4 s at the latest.</summary>
    static RunConfig Config(string name) => ChildRuns.ThreeGrpoStages(name, StepsPerStage, g => g with { CheckpointEvery = 3, LeaseTimeoutMs = 4_000 });

    [Fact]
    public async Task A_run_without_local_workers_completes_every_step_once_with_the_work_of_a_joined_node_process()
    {
        using var temp = new TempFolder();
        var (config, runDir) = (temp.PathOf("joined.json"), temp.PathOf("run"));
        RunConfigFile.Save(Config("joined"), config);
        var port = LoopbackPorts.FreeAbove(20_000);

        using var train = Train(config, runDir, port, rewardWorkers: 0);
        using var node = Node(port, LoopbackPorts.FreeAbove(port));
        await train.ExitOkAsync(Deadline);
        node.Terminate();
        var nodeExit = await node.ExitCodeAsync(TimeSpan.FromSeconds(30));

        var run = await ChildRuns.ReadAsync(runDir);
        AssertCompletedOnce(run);
        Assert.True(node.ErrorContains("1 rollout and 1 reward workers started"), $"the node never started its workers\n{node}");
        Assert.True(nodeExit == ExitCodes.Ok, $"conrec node exited {nodeExit} after SIGTERM\n{node}");
    }

    [Fact]
    public async Task A_worker_node_killed_mid_grpo_loses_no_step_and_a_second_node_finishes_the_run()
    {
        using var temp = new TempFolder();
        var (config, runDir) = (temp.PathOf("killed.json"), temp.PathOf("run"));
        RunConfigFile.Save(Config("killed"), config);
        var port = LoopbackPorts.FreeAbove(20_000);

        using var train = Train(config, runDir, port, rewardWorkers: 1);
        var firstPort = LoopbackPorts.FreeAbove(port);
        using var first = Node(port, firstPort);
        var atKill = await ChildRuns.OnOwnThread(() => KillAfter(first, train, runDir, KillAfterStep));
        var killed = Stopwatch.StartNew();
        // The replacement joins once the training process has downed the lost node: a node joining while a member is
        // unreachable keeps the membership unstable, and the split-brain resolver then downs every member.
        var lost = await ChildRuns.OnOwnThread(() => WaitForLog(train, $"localhost:{Invariant(firstPort)}/user/run-host/rollout-1-run1 lost"));
        using var second = Node(port, LoopbackPorts.FreeAbove(port));
        var nextStep = await ChildRuns.OnOwnThread(() => WaitForStep(train, runDir, atKill.MaxStep + 1));
        var recovery = killed.Elapsed;
        await train.ExitOkAsync(Deadline);
        second.Terminate();
        await second.ExitCodeAsync(TimeSpan.FromSeconds(30));

        var run = await ChildRuns.ReadAsync(runDir);
        var redone = run.Steps.Count - run.Steps.Select(s => s.Step).Distinct().Count();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker node SIGKILLed with steps 1..{atKill.MaxStep} recorded; its workers declared lost {lost.TotalSeconds:0.0}s after the kill, when the second node " +
            $"was started; step {nextStep.MaxStep} completed {recovery.TotalSeconds:0.0}s after the kill; steps redone: {redone}; {run.Steps.Count} step rows for {TotalSteps} steps"));
        Assert.InRange(atKill.MaxStep, KillAfterStep, TotalSteps - 1);
        Assert.Equal(0, redone);
        AssertCompletedOnce(run);
        Assert.True(second.ErrorContains("1 rollout and 1 reward workers started"), $"the second node never started its workers\n{second}");
    }

    [Fact]
    public async Task A_node_that_loses_its_training_process_is_downed_and_exits_non_zero_for_its_supervisor()
    {
        using var temp = new TempFolder();
        var (config, runDir) = (temp.PathOf("orphan.json"), temp.PathOf("run"));
        RunConfigFile.Save(Config("orphan"), config);
        var port = LoopbackPorts.FreeAbove(20_000);

        using var train = Train(config, runDir, port, rewardWorkers: 0);
        using var node = Node(port, LoopbackPorts.FreeAbove(port));
        await ChildRuns.OnOwnThread(() => WaitForStep(train, runDir, 2));
        train.Kill();
        var exit = await node.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == ExitCodes.Failure, $"conrec node exited {exit}\n{node}");
        Assert.True(node.ErrorContains("the actor system stopped"), $"no reason given\n{node}");
    }

    ConrecProcess Train(string config, string runDir, int port, int rewardWorkers) => ConrecProcess.Start("train", "--config", config, "--run-dir", runDir,
        "--threads", "1", "--port", Invariant(port), "--rollout-workers", "0", "--reward-workers", Invariant(rewardWorkers));

    static ConrecProcess Node(int seedPort, int port) => ConrecProcess.Start("node", "--roles", "rollout,reward", "--seed", $"localhost:{Invariant(seedPort)}",
        "--port", Invariant(port), "--threads", "1");

    /// <summary>Steps 1..N exactly once, each in its stage, every curriculum and pipeline stage completed.</summary>
    static void AssertCompletedOnce(RunState run)
    {
        Assert.Equal(Enumerable.Range(1, TotalSteps).Select(i => (long)i), run.Steps.Select(s => s.Step));
        Assert.Equal(Enumerable.Range(0, TotalSteps).Select(i => i / StepsPerStage), run.Steps.Select(s => s.StageIndex));
        Assert.Equal(["grpo-recent", "grpo-negatives", "grpo-late"], run.CurriculumStages.Select(s => s.Name));
        Assert.All(run.CurriculumStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.All(run.PipelineStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal(RunStatus.Completed, run.Grpo.Status);
    }

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    sealed record StepCount(long Rows, long MaxStep);

    static StepCount KillAfter(ConrecProcess node, ConrecProcess train, string runDir, long step)
    {
        WaitForStep(train, runDir, step);
        node.Kill();
        // Read once the node is gone: a step it finished while being killed counts as done before the kill.
        return WaitForStep(train, runDir, step);
    }

    /// <summary>Waits until the training process logs <paramref name="text"/>; returns how long that took.</summary>
    static TimeSpan WaitForLog(ConrecProcess train, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!train.ErrorContains(text))
        {
            if (train.HasExited) Assert.Fail($"conrec train exited ({train.ExitCode}) before logging '{text}'\n{train}");
            if (clock.Elapsed > Deadline) Assert.Fail($"conrec train did not log '{text}' within {Deadline}\n{train}");
            Thread.Sleep(20);
        }
        return clock.Elapsed;
    }

    /// <summary>Polls the training process's store until step <paramref name="step"/> (or a later one) is recorded.</summary>
    static StepCount WaitForStep(ConrecProcess train, string runDir, long step) =>
        ChildRuns.PollStore(train, runDir, Deadline, $"step {step}", CountSteps, count => count.MaxStep >= step);

    static StepCount? CountSteps(SqliteCommand command)
    {
        command.CommandText = "SELECT COUNT(*), COALESCE(MAX(step), 0) FROM steps WHERE run_id = $run";
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StepCount(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }
}
