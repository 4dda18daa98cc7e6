using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Core.Runs;
using CoNRec.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace CoNRec.Cli.Tests.Commands.Jobs;

/// <summary>
/// A run submitted to a cluster of <c>conrec node</c> processes survives the SIGKILL of any role's node mid-GRPO: the
/// coordinator's (the singleton moves and the run is resumed from the store), the learner's (a learner that joins loads
/// the latest committed checkpoint), a rollout node's and a reward node's (their leases go to the other). Each test measures the seconds from
/// the kill to the next step recorded and the steps redone (recorded before the kill, discarded and recorded again).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeLossTests(PostgresServerFixture server, ITestOutputHelper output)
{
    /// <summary>Enough steps that the kill lands mid-GRPO on a quiet machine too (a step of this config takes ~0.1 s).</summary>
    const int StepsPerStage = 40;
    const int TotalSteps = 3 * StepsPerStage;
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    static RunConfig Config(string name) => ChildRuns.ThreeGrpoStages(name, StepsPerStage, g => g with { CheckpointEvery = 3, LeaseTimeoutMs = 4_000 });

    [Fact]
    public async Task Killing_the_coordinators_node_moves_the_singleton_and_the_run_completes_from_the_store()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        var first = cluster.Start("coordinator,learner");
        cluster.Start("coordinator,learner");
        cluster.Start("rollout,reward");

        var recovery = await KillMidGrpoAsync(cluster, first, "coordinator,learner");

        Assert.True(cluster[1].ErrorContains("Running submitted run"), $"the second coordinator node never took the run over\n{cluster}");
    }

    [Fact]
    public async Task Killing_the_learner_makes_the_coordinator_wait_for_a_learner_that_loads_the_latest_checkpoint()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        cluster.Start("coordinator");
        var learner = cluster.Start("learner");
        cluster.Start("rollout,reward");

        var recovery = await KillMidGrpoAsync(cluster, learner, "learner", replacement: "learner");

        Assert.Contains(cluster[3].ErrorLines("Assigned the learner of run"), line => !line.Contains("from step 0 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killing_a_rollout_node_reissues_its_leases_to_the_other_and_no_step_is_redone()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        cluster.Start("coordinator,learner,reward");
        var rollout = cluster.Start("rollout");
        cluster.Start("rollout");

        var recovery = await KillMidGrpoAsync(cluster, rollout, "rollout");

        Assert.Equal(0, recovery.Redone);
    }

    [Fact]
    public async Task Killing_a_reward_node_sends_its_leases_to_the_other_and_no_step_is_redone()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        cluster.Start("coordinator,learner,rollout");
        var reward = cluster.Start("reward");
        cluster.Start("reward");

        var recovery = await KillMidGrpoAsync(cluster, reward, "reward");

        Assert.Equal(0, recovery.Redone);
    }

    /// <summary>Submits the run, SIGKILLs the node once a checkpoint is committed and a later step recorded, optionally starts a
    /// replacement, and checks the run completes with every step once.</summary>
    async Task<Recovery> KillMidGrpoAsync(TestCluster cluster, int victim, string role, string? replacement = null)
    {
        await cluster.UntilAllUpAsync(Deadline);
        var run = await cluster.SubmitAsync(Config("node-loss"));
        await cluster.UntilAsync(run, s => s.Grpo.Status == RunStatus.Running && s.Grpo.Cursor.Step >= 3 && s.Steps.Count > s.Grpo.Cursor.Step, Deadline,
            "a committed GRPO checkpoint with a later step");
        cluster[victim].Kill();
        // Taken once the process is gone (Kill waits for it): a step it recorded while dying is stamped earlier.
        var killedAt = DateTimeOffset.UtcNow;
        // Read after the kill: what the lost node had recorded (a surviving coordinator may record more, never redo them).
        var before = await cluster.ReadAsync(run);
        Assert.True(before.Steps.Count < TotalSteps, $"the run had finished its {TotalSteps} steps before the kill: nothing was tested");
        if (replacement is not null) cluster.Start(replacement);

        var next = await cluster.UntilAsync(run, s => s.Steps.Any(step => step.RecordedAt > killedAt), Deadline, "a step recorded after the kill");
        var after = await cluster.UntilAsync(run, s => s.Pipeline.Status is RunStatus.Completed or RunStatus.Failed, Deadline, "the run's end");

        var firstAfter = next.Steps.Where(s => s.RecordedAt > killedAt).Min(s => s.RecordedAt);
        var redone = before.Steps.Count(s => after.Steps.SingleOrDefault(a => a.Step == s.Step) is not { } a || a.RecordedAt != s.RecordedAt);
        var recovery = new Recovery((firstAfter - killedAt).TotalSeconds, redone, before.Steps.Count, before.Grpo.Cursor.Step);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{role} node killed with steps 1..{recovery.RecordedBefore} recorded and step {recovery.CommittedBefore} committed: next step {recovery.SecondsToNextStep:0.0} s after the kill; steps redone {recovery.Redone}"));
        Assert.Equal(RunStatus.Completed, after.Pipeline.Status);
        Assert.Equal(RunStatus.Completed, after.Grpo.Status);
        Assert.Equal(Enumerable.Range(1, TotalSteps).Select(i => (long)i), after.Steps.Select(s => s.Step));
        Assert.Equal(Enumerable.Range(0, TotalSteps).Select(i => i / StepsPerStage), after.Steps.Select(s => s.StageIndex));
        Assert.All(after.CurriculumStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.All(after.PipelineStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal(after.Steps.Sum(s => s.Samples), after.CurriculumStages.Sum(s => s.SamplesDone));
        // Only the steps after the last commit may be redone, and every one of them is recorded again.
        Assert.InRange(redone, 0, recovery.RecordedBefore - recovery.CommittedBefore);
        return recovery;
    }

    sealed record Recovery(double SecondsToNextStep, int Redone, int RecordedBefore, long CommittedBefore);
}
