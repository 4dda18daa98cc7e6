using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Runs;
using CoNRec.Storage.Tests.Postgres;

namespace CoNRec.Cli.Tests.Commands.Jobs;

/// <summary>A submitted run with two data-parallel learners on two learner nodes completes every step once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DataParallelRunTests(PostgresServerFixture server)
{
    const int StepsPerStage = 4;
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_run_with_two_learners_completes_every_step_once_with_both_ranks_exchanging_gradients()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        var coordinator = cluster.Start("coordinator,rollout,reward");
        cluster.Start("learner");
        cluster.Start("learner");
        // Two groups a step, so that each rank has a share.
        var config = ChildRuns.ThreeGrpoStages("two-learners", StepsPerStage, g => g with { GroupsPerStep = 2, CheckpointEvery = 2 }) with
        {
            Cluster = new ClusterSection { Learners = 2 },
        };

        var run = await cluster.SubmitAsync(config);
        var done = await cluster.UntilAsync(run, s => s.Pipeline.Status is RunStatus.Completed or RunStatus.Failed, Deadline, "the run's end");

        Assert.Equal(RunStatus.Completed, done.Pipeline.Status);
        Assert.Equal(Enumerable.Range(1, 3 * StepsPerStage).Select(i => (long)i), done.Steps.Select(s => s.Step));
        Assert.All(done.CurriculumStages, s => Assert.Equal(StageStatus.Completed, s.Status));
        var assigned = cluster[coordinator].ErrorLines("Assigning the learner (rank");
        Assert.Contains(assigned, line => line.Contains("rank 0 of 2", StringComparison.Ordinal));
        Assert.Contains(assigned, line => line.Contains("rank 1 of 2", StringComparison.Ordinal));
        // Each rank keeps its last update's gradient file until the next exchange: both took part to the end.
        var gradients = Path.Combine(new RunLayout(cluster.FolderOf(run)).Grpo, "gradients");
        foreach (var rank in new[] { "rank-0", "rank-1" })
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(gradients, rank), "*.safetensors"));
    }
}
