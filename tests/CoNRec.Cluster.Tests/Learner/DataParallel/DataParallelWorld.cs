using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Rollout;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Grpo;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

/// <summary>Steps to learn for the data-parallel tests, rolled out once with the warm-up weights, and a way to read a policy's bytes.</summary>
internal static class DataParallelWorld
{
    public const int G = 4;

    /// <summary>Two epochs of two minibatches with beta > 0: four updates per step, KL and clipping in play.</summary>
    public static readonly GrpoOptions Grpo = new() { Epochs = 2, MiniBatches = 2, Beta = 0.04 };

    /// <summary>
    /// <paramref name="groups"/> groups of two anchors; rewards spread within each group. With 3 groups and 2 learners,
    /// rank 0 holds rows [0, 8) and rank 1 rows [8, 24): minibatch 0 ([0, 12)) is split between them, minibatch 1 is rank 1's.
    /// </summary>
    public static LearnStep[] Steps(TinyWorld world, int count, int groups = 3)
    {
        using var rollout = RolloutEngine.Load(world.Data);
        var anchors = world.Anchors(2 * groups);
        var scored = new ScoredGroup[groups];
        for (var g = 0; g < groups; g++)
        {
            var lease = new RolloutLease(new WorkKey("run-dp", 1, g), 0, "Negatives", anchors[(2 * g)..(2 * g + 2)], G, 1.0, 20 + g, 0,
                new ArtifactRef("file:///warmup", "00", 1), long.MaxValue);
            var done = rollout.Generate(lease, "w");
            scored[g] = new ScoredGroup(g, lease.Anchors, done.Depth, done.Tokens, done.LogProbs, done.Items,
                [.. Enumerable.Range(0, done.Items.Length).Select(r => (float)((r + g) % 3))], [.. done.Items.Select((_, r) => r % 2 == 0 ? 1f : 2f)]);
        }
        return [.. Enumerable.Range(1, count).Select(s => new LearnStep("run-dp", s, 0, "Negatives", Beta: 0.04, LearningRate: 1e-3, G, s - 1, scored))];
    }

    public static LearnerOptions Options(string runFolder) => new(runFolder, Grpo);

    /// <summary>Every parameter's name and raw bytes, in the model's order.</summary>
    public static List<(string Name, byte[] Bytes)> Weights(LearnerPhase phase) =>
        [.. phase.Policy.named_parameters().Select(p => (p.name, p.parameter.detach().cpu().bytes.ToArray()))];

    /// <summary>Every parameter's values, in the model's order.</summary>
    public static List<(string Name, float[] Values)> Values(LearnerPhase phase) =>
        [.. phase.Policy.named_parameters().Select(p => (p.name, p.parameter.detach().cpu().data<float>().ToArray()))];
}
