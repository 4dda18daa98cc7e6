using System.Runtime.InteropServices;
using CoNRec.Core.Grpo;
using CoNRec.Core.Rewards;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Grpo;

public sealed class GrpoStepTests
{
    const int G = 8;
    const double LearningRate = 1e-2;

    static readonly GrpoWorld World = GrpoWorld.Shared;

    static SampledPrompts FixedPrompts(int count = 4) => new GrpoSampler(World.Tasks, World.Rewards(), ContextKind.Negatives, seed: 3).Next(count);

    static double MeanReward(PolicyModel policy, RewardScorer scorer, SampledPrompts prompts)
    {
        var rollout = RolloutPhase.Generate(policy, World.Trie, prompts.Prompts, 32, 1.0, seed: 999);
        return RewardPhase.Score(scorer, prompts.RewardAnchors, rollout).Average();
    }

    static Dictionary<string, float[]> Weights(nn.Module model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().data<float>().ToArray());

    static void AssertBitIdentical(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
            Assert.True(MemoryMarshal.Cast<float, int>(values).SequenceEqual(MemoryMarshal.Cast<float, int>(actual[name])), $"'{name}' differs");
    }

    static List<GrpoStepResult> Train(Learner learner, RewardScorer scorer, SampledPrompts prompts, int steps, GrpoOptions? options = null, int groupSize = G)
    {
        var results = new List<GrpoStepResult>();
        for (var step = 0; step < steps; step++)
            results.Add(GrpoStep.Run(learner.Phase, scorer, prompts, groupSize, options ?? GrpoWorld.Options, LearningRate, seed: 100 + step));
        return results;
    }

    // One update per step on a small batch: for the tests that count, not learn.
    static readonly GrpoOptions Cheap = new() { Beta = 0.04 };

    [Fact]
    public void A_few_steps_on_fixed_prompts_raise_the_mean_cosine_reward()
    {
        using var learner = World.Learner();
        var scorer = new RewardScorer(World.Rewards());
        var prompts = FixedPrompts();
        var before = MeanReward(learner.Phase.Policy, scorer, prompts);

        var results = Train(learner, scorer, prompts, steps: 8);

        var after = MeanReward(learner.Phase.Policy, scorer, prompts);
        Assert.True(after > before + 0.1, $"mean reward went from {before:0.000} to {after:0.000}");
        Assert.All(results, r => Assert.Equal(0, r.Learn.SkippedUpdates));
        Assert.True(results[^1].Learn.Kl > 0, "the policy should have moved away from the reference");
    }

    [Fact]
    public void The_phases_called_one_by_one_equal_grpo_step_run()
    {
        using var composed = World.Learner();
        using var direct = World.Learner();
        var scorer = new RewardScorer(World.Rewards());
        var prompts = FixedPrompts();
        var options = GrpoWorld.Options;

        var rollout = RolloutPhase.Generate(composed.Phase.Policy, World.Trie, prompts.Prompts, G, options.Temperature, seed: 5);
        var rewards = RewardPhase.Score(scorer, prompts.RewardAnchors, rollout);
        var learned = composed.Phase.Learn(prompts.Prompts, rollout, rewards, null, options, LearningRate);
        var step = GrpoStep.Run(direct.Phase, scorer, prompts, G, options, LearningRate, seed: 5);

        Assert.Equal(rollout.Tokens, step.Rollout.Tokens);
        Assert.Equal(rollout.OldLogProbs, step.Rollout.OldLogProbs);
        Assert.Equal(rewards, step.Rewards);
        Assert.Equal(learned, step.Learn);
        AssertBitIdentical(Weights(composed.Phase.Policy), Weights(direct.Phase.Policy));
        var metrics = step.Metrics();
        Assert.All([GrpoMetricNames.TimingGen, GrpoMetricNames.TimingReward, GrpoMetricNames.TimingUpdate], name => Assert.True(metrics[name] >= 0));
        Assert.True(metrics[GrpoMetricNames.TokensPerSecond] > 0);
        Assert.Equal(prompts.Prompts.Sum(p => p.Length) * G + rollout.Rows * rollout.Depth, step.Tokens);
    }

    [Fact]
    public void The_same_seeds_give_the_same_metrics_and_weights()
    {
        using var first = World.Learner();
        using var second = World.Learner();
        var scorer = new RewardScorer(World.Rewards());
        var prompts = FixedPrompts();

        var a = Train(first, scorer, prompts, steps: 2);
        var b = Train(second, scorer, prompts, steps: 2);

        Assert.Equal(a.Select(r => r.Learn), b.Select(r => r.Learn));
        AssertBitIdentical(Weights(first.Phase.Policy), Weights(second.Phase.Policy));
    }

    [Fact]
    public void The_reference_model_is_never_updated()
    {
        using var learner = World.Learner();
        var scorer = new RewardScorer(World.Rewards());
        var prompts = FixedPrompts();
        var policyBefore = Weights(learner.Phase.Policy);
        var referenceBefore = Weights(learner.Phase.Reference);

        Train(learner, scorer, prompts, steps: 2, Cheap);

        AssertBitIdentical(referenceBefore, Weights(learner.Phase.Reference));
        Assert.True(ReferencePolicy.IsFrozen(learner.Phase.Reference));
        Assert.All(learner.Phase.Reference.parameters(), p => Assert.Null(p.grad));
        Assert.Contains(policyBefore, e => !e.Value.SequenceEqual(Weights(learner.Phase.Policy)[e.Key]));
    }

    [Fact]
    public void Ten_steps_do_not_grow_the_live_tensor_count()
    {
        using var learner = World.Learner();
        var scorer = new RewardScorer(World.Rewards());
        var prompts = FixedPrompts(2);
        Train(learner, scorer, prompts, steps: 1, Cheap, groupSize: 4);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Train(learner, scorer, prompts, steps: 10, Cheap, groupSize: 4);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
