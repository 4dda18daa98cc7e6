using CoNRec.Core.Rewards;
using CoNRec.Model.Grpo;
using CoNRec.Model.Tasks;

namespace CoNRec.Model.Tests.Grpo;

public sealed class RewardPhaseTests
{
    static readonly GrpoWorld World = GrpoWorld.Shared;

    static (SampledPrompts Prompts, RolloutBatch Rollout) Batch()
    {
        var prompts = new GrpoSampler(World.Tasks, World.Rewards(), ContextKind.Negatives, seed: 4).Next(5);
        using var policy = World.Policy();
        return (prompts, RolloutPhase.Generate(policy, World.Trie, prompts.Prompts, 6, 1.0, seed: 1));
    }

    [Fact]
    public void Each_row_is_scored_against_its_prompts_anchor()
    {
        var (prompts, rollout) = Batch();
        var scorer = new RewardScorer(World.Rewards(new RewardOptions { Variant = RewardVariant.HitBased }));

        var rewards = RewardPhase.Score(scorer, prompts.RewardAnchors, rollout);

        Assert.Equal(rollout.Rows, rewards.Length);
        for (var r = 0; r < rollout.Rows; r++)
            Assert.Equal(scorer.Score(prompts.RewardAnchors[r / rollout.GroupSize], rollout.Items[r]), rewards[r]);
        Assert.Contains(rewards, x => x > 0);
    }

    [Fact]
    public void Sample_weights_are_per_prompt_repeated_over_its_group_and_absent_without_a_weighting()
    {
        var (prompts, rollout) = Batch();
        var context = World.Rewards();
        // Any resemblance to a future positive flags: prompts with positives in their window weigh 3.
        var weighting = new SampleWeighting(context, new SampleWeightingOptions { ProximityThreshold = -1, UpWeight = 3 });

        var weights = RewardPhase.Weights(weighting, prompts.RewardAnchors, rollout)!;

        Assert.Null(RewardPhase.Weights(null, prompts.RewardAnchors, rollout));
        for (var p = 0; p < rollout.Prompts; p++)
        {
            var expected = weighting.WeightOf(prompts.RewardAnchors[p], rollout.ItemsOf(p));
            Assert.All(weights.AsSpan(p * rollout.GroupSize, rollout.GroupSize).ToArray(), w => Assert.Equal(expected, w));
        }
        Assert.Contains(3f, weights);
    }

    [Fact]
    public void A_batch_with_another_number_of_anchors_is_refused()
    {
        var (prompts, rollout) = Batch();
        var scorer = new RewardScorer(World.Rewards());

        Assert.Throws<ArgumentException>(() => RewardPhase.Score(scorer, prompts.RewardAnchors[1..], rollout));
    }
}
