using Akka.Actor;
using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Rollout;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Grpo;
using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;
using CoNRec.Model.Training;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Learner;

public sealed class LearnerActorTests(TinyWorld world) : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing")), IClassFixture<TinyWorld>
{
    const int G = 4;
    static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    /// <summary>Two groups of two anchors, rolled out with the warm-up weights; rewards spread within each group.</summary>
    LearnStep Step(long step, long policyVersion)
    {
        using var rollout = RolloutEngine.Load(world.Data);
        var groups = new ScoredGroup[2];
        var anchors = world.Anchors(4);
        for (var g = 0; g < groups.Length; g++)
        {
            var lease = new RolloutLease(new WorkKey("run-test", step, g), 0, "Negatives", anchors[(2 * g)..(2 * g + 2)], G, 1.0, 10 + g, 0,
                new ArtifactRef("file:///warmup", "00", 1), long.MaxValue);
            var done = rollout.Generate(lease, "w");
            groups[g] = new ScoredGroup(g, lease.Anchors, done.Depth, done.Tokens, done.LogProbs, done.Items,
                [.. Enumerable.Range(0, done.Items.Length).Select(r => (float)(r % 3))], [.. done.Items.Select(_ => 1f)]);
        }
        return new LearnStep("run-test", step, 0, "Negatives", Beta: 0.04, LearningRate: 1e-3, G, policyVersion, groups);
    }

    [Fact]
    public void A_step_publishes_the_next_version_and_a_repeated_step_is_answered_without_learning_again()
    {
        var runFolder = world.NewFolder("learner");
        var learner = Sys.ActorOf(LearnerActor.Props(world.Data, new LearnerOptions(runFolder, new GrpoOptions()), Logger.None), "learner");
        var step = Step(1, 0);

        learner.Tell(step);
        var learned = ExpectMsg<StepLearned>(Slow);
        learner.Tell(step);
        var repeated = ExpectMsg<StepLearned>(Slow);

        Assert.Equal(1, learned.PolicyVersion);
        Assert.Equal(PolicyWeights.PathOf(runFolder, 1), FileArtifacts.LocalPath(learned.Policy));
        Assert.Equal(AtomicFolder.Sha256Of(PolicyWeights.PathOf(runFolder, 1)), learned.Policy.Sha256);
        Assert.Equal(new FileInfo(PolicyWeights.PathOf(runFolder, 1)).Length, learned.Policy.Bytes);
        Assert.Equal(0, learned.Metrics["kl"], 4);   // one update from the warm-up weights: the policy is still the reference
        Assert.True(learned.Metrics["timing_s/update"] > 0);
        Assert.Equal(step.Groups.SelectMany(g => g.Rewards).Average(), learned.Metrics["reward/mean"], 5);
        Assert.Equal(learned.PolicyVersion, repeated.PolicyVersion);
        Assert.Equal(learned.Policy, repeated.Policy);
        Assert.False(File.Exists(PolicyWeights.PathOf(runFolder, 2)));
    }

    [Fact]
    public void A_checkpoint_is_a_sealed_folder_named_by_its_manifests_hash()
    {
        var runFolder = world.NewFolder("learner-checkpoint");
        var learner = Sys.ActorOf(LearnerActor.Props(world.Data, new LearnerOptions(runFolder, new GrpoOptions()), Logger.None));
        learner.Tell(Step(1, 0));
        ExpectMsg<StepLearned>(Slow);

        learner.Tell(new WriteCheckpoint("run-test", 1, 0));
        var written = ExpectMsg<CheckpointWritten>(Slow);

        var folder = TrainingCheckpoint.FolderFor(Path.Combine(runFolder, LearnerOptions.CheckpointsFolder), 1);
        var manifest = AtomicFolder.Verify(folder);
        Assert.Equal(1, written.PolicyVersion);
        Assert.Equal(folder, FileArtifacts.LocalPath(written.Checkpoint));
        Assert.Equal(AtomicFolder.Sha256Of(Path.Combine(folder, AtomicFolder.ManifestFile)), written.Checkpoint.Sha256);
        Assert.Equal(manifest.TotalBytes, written.Checkpoint.Bytes);
        Assert.Contains(manifest.Files, f => f.Name == TrainingCheckpoint.OptimizerFile);
    }

    [Fact]
    public void A_step_from_a_policy_version_the_learner_does_not_hold_fails_and_the_learner_goes_on()
    {
        var runFolder = world.NewFolder("learner-stale");
        var learner = Sys.ActorOf(LearnerActor.Props(world.Data, new LearnerOptions(runFolder, new GrpoOptions()), Logger.None));

        learner.Tell(Step(1, policyVersion: 5));
        var failed = ExpectMsg<WorkFailed>(Slow);
        learner.Tell(Step(1, policyVersion: 0));
        var learned = ExpectMsg<StepLearned>(Slow);

        Assert.Equal(-1, failed.Group);
        Assert.Contains("policy 5", failed.Reason);
        Assert.Equal(1, learned.PolicyVersion);
    }
}
