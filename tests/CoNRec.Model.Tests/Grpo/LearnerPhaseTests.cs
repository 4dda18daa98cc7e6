using CoNRec.Core.Grpo;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using AdamW = CoNRec.Model.Training.AdamW;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Grpo;

public sealed class LearnerPhaseTests
{
    const int G = 4;
    static readonly GrpoWorld World = GrpoWorld.Shared;
    static readonly GrpoOptions OneUpdate = new() { Beta = 0.04, Temperature = 0.8 };

    static (SampledPrompts Prompts, RolloutBatch Rollout, float[] Rewards) Batch(PolicyModel policy, double temperature, long seed = 2)
    {
        var prompts = new GrpoSampler(World.Tasks, World.Rewards(), ContextKind.NegativesAndPositives, seed: 8).Next(3);
        var rollout = RolloutPhase.Generate(policy, World.Trie, prompts.Prompts, G, temperature, seed);
        var rewards = Enumerable.Range(0, rollout.Rows).Select(r => (float)(r % 3)).ToArray();   // every group has a spread
        return (prompts, rollout, rewards);
    }

    /// <summary>Mean over rows and SID levels of the constrained distribution's entropy, from full forwards walking the trie.</summary>
    static double ReferenceEntropy(PolicyModel model, IReadOnlyList<int[]> prompts, RolloutBatch rollout, double temperature)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var sum = 0.0;
        for (var r = 0; r < rollout.Rows; r++)
        {
            var sid = rollout.TokensOf(r).ToArray();
            long[] sequence = [.. prompts[r / G], .. sid];
            var logits = model.call(tensor(sequence, [1, sequence.Length]))[0].to(ScalarType.Float64);   // (T, V)
            for (var l = 0; l < sid.Length; l++)
            {
                var row = logits[prompts[r / G].Length - 1 + l].data<double>().ToArray();
                var z = World.Trie.AllowedNext(sid.AsSpan(0, l)).ToArray().Select(t => row[t] / temperature).ToArray();
                var logSum = z.Max() + Math.Log(z.Sum(v => Math.Exp(v - z.Max())));
                sum -= z.Sum(v => Math.Exp(v - logSum) * (v - logSum));
            }
        }
        return sum / (rollout.Rows * rollout.Depth);
    }

    [Fact]
    public void A_single_update_sees_ratio_one_no_clipping_no_kl_and_the_constrained_entropy()
    {
        using var learner = World.Learner();
        var (prompts, rollout, rewards) = Batch(learner.Phase.Policy, OneUpdate.Temperature);
        var expectedEntropy = ReferenceEntropy(learner.Phase.Policy, prompts.Prompts, rollout, OneUpdate.Temperature);

        var result = learner.Phase.Learn(prompts.Prompts, rollout, rewards, null, OneUpdate, learningRate: 1e-3);

        // Teacher forcing reproduces the sampler's log-probabilities; the reference is still the policy's copy.
        Assert.Equal(1, result.Updates);
        Assert.Equal(1.0, result.RatioMean, 4);
        Assert.Equal(1.0, result.RatioMax, 4);
        Assert.Equal(0.0, result.ClipFrac);
        Assert.Equal(0.0, result.Kl, 6);
        Assert.Equal(expectedEntropy, result.Entropy, 4);
        Assert.InRange(result.Entropy, 0.01, Math.Log(World.Trie.MaxBranching));
        Assert.Equal(rollout.Rows * rollout.Depth, result.CompletionTokens);
        Assert.Equal(rewards.Average(), result.RewardMean, 5);
        Assert.Equal(0.0, result.FracRewardZeroStd);
        Assert.True(result.GradNorm > 0);
    }

    [Fact]
    public void Equal_rewards_in_every_group_give_no_policy_gradient()
    {
        using var learner = World.Learner();
        var (prompts, rollout, _) = Batch(learner.Phase.Policy, 1.0);
        var options = new GrpoOptions { Beta = 0 };

        var result = learner.Phase.Learn(prompts.Prompts, rollout, new float[rollout.Rows], null, options, learningRate: 1e-3);

        Assert.Equal(1.0, result.FracRewardZeroStd);
        Assert.Equal(0.0, result.PgLoss, 6);
        Assert.Equal(0.0, result.GradNorm, 6);
        Assert.True(double.IsNaN(result.Kl), "without beta the reference is not run");
    }

    [Fact]
    public void A_batch_sampled_at_another_temperature_is_refused()
    {
        using var learner = World.Learner();
        var (prompts, rollout, rewards) = Batch(learner.Phase.Policy, 1.0);

        var error = Assert.Throws<ArgumentException>(() => learner.Phase.Learn(prompts.Prompts, rollout, rewards, null, OneUpdate, 1e-3));

        Assert.Contains("grpo.temperature", error.Message);
    }

    [Fact]
    public void Rewards_or_weights_of_the_wrong_length_are_refused()
    {
        using var learner = World.Learner();
        var (prompts, rollout, rewards) = Batch(learner.Phase.Policy, 1.0);
        var options = new GrpoOptions();

        Assert.Throws<ArgumentException>(() => learner.Phase.Learn(prompts.Prompts, rollout, rewards[1..], null, options, 1e-3));
        Assert.Throws<ArgumentException>(() => learner.Phase.Learn(prompts.Prompts, rollout, rewards, new float[3], options, 1e-3));
        Assert.Throws<ArgumentException>(() => learner.Phase.Learn(prompts.Prompts[1..], rollout, rewards, null, options, 1e-3));
    }

    [Fact]
    public void The_policy_cannot_be_its_own_reference_nor_the_optimizer_update_the_reference()
    {
        using var policy = World.Policy();
        using var reference = World.Policy();
        using var optimizer = new AdamW(policy.named_parameters().Select(p => (p.name, p.parameter)));
        using var wrong = new AdamW(reference.named_parameters().Select(p => (p.name, p.parameter)));

        Assert.Throws<ArgumentException>(() => new LearnerPhase(policy, policy, World.Trie, optimizer));
        Assert.Throws<ArgumentException>(() => new LearnerPhase(policy, reference, World.Trie, wrong));
        var learner = new LearnerPhase(policy, reference, World.Trie, optimizer);
        Assert.True(ReferencePolicy.IsFrozen(learner.Reference));
        Assert.False(ReferencePolicy.IsFrozen(learner.Policy));
    }
}
