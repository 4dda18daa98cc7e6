using CoNRec.Core.Curriculum;
using CoNRec.Model.Grpo;
using CoNRec.Model.Tasks;

namespace CoNRec.Model.Tests.Grpo;

public sealed class GrpoSamplerTests
{
    static readonly GrpoWorld World = GrpoWorld.Shared;

    static GrpoSampler Sampler(ContextKind kind = ContextKind.Negatives, int seed = 1, long position = 0) =>
        new(World.Tasks, World.Rewards(), kind, seed, position);

    [Fact]
    public void Restoring_the_saved_position_gives_the_same_next_prompts()
    {
        var sampler = Sampler();
        sampler.Next(7);
        sampler.Next(7);
        var saved = sampler.Position;
        var expected = sampler.Next(300);                                                  // crosses an epoch boundary

        var restored = Sampler(position: saved);
        var actual = restored.Next(300);

        Assert.Equal(14, saved);
        Assert.Equal(saved, actual.Position);
        Assert.Equal(expected.Anchors, actual.Anchors);
        Assert.Equal(expected.Prompts, actual.Prompts);
        Assert.Equal(saved + 300, restored.Position);
    }

    [Fact]
    public void Each_epoch_visits_every_eligible_anchor_once_in_a_seeded_order()
    {
        var sampler = Sampler();
        var count = sampler.Anchors.Count;

        var first = sampler.Next(count).Anchors;
        var second = sampler.Next(count).Anchors;
        var otherSeed = Sampler(seed: 2).Next(count).Anchors;

        Assert.Equal(sampler.Anchors.ToHashSet(), first.ToHashSet());
        Assert.Equal(count, first.Distinct().Count());
        Assert.Equal(first.ToHashSet(), second.ToHashSet());
        Assert.NotEqual(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.Equal(2, sampler.Epoch);
    }

    [Fact]
    public void Sampled_prompts_show_context_in_the_stages_kind_and_have_reward_targets()
    {
        var rewards = World.Rewards();
        var sampler = new GrpoSampler(World.Tasks, rewards, ContextKind.RecentNegatives, seed: 3);

        var batch = sampler.Next(20);

        Assert.True(sampler.Anchors.Count < World.Tasks.Anchors().Count, "some anchors have no negative in their last days");
        for (var k = 0; k < batch.Count; k++)
        {
            var prompt = World.Tasks.ContextPrompt(batch.Anchors[k], ContextKind.RecentNegatives);
            Assert.Equal(prompt.InputIds, batch.Prompts[k]);
            Assert.True(prompt.ContextItems > 0);
            Assert.Equal(GrpoSampler.RewardAnchorOf(batch.Anchors[k]), batch.RewardAnchors[k]);
            Assert.NotEmpty(rewards.TargetsOf(batch.RewardAnchors[k]).Gts);
        }
    }

    [Fact]
    public void A_stage_maps_to_its_context_and_must_use_the_tasks_recent_days()
    {
        var stages = CurriculumOptions.DefaultStages(100);

        var samplers = stages.Select(s => GrpoSampler.ForStage(World.Tasks, World.Rewards(), s, seed: 1)).ToArray();

        Assert.Equal([ContextKind.RecentNegatives, ContextKind.Negatives, ContextKind.NegativesAndPositives], samplers.Select(s => s.Context));
        var error = Assert.Throws<ArgumentException>(() => GrpoSampler.ForStage(World.Tasks, World.Rewards(), stages[0] with { RecentDays = 5 }, seed: 1));
        Assert.Contains("recentDays", error.Message);
    }

    [Fact]
    public void A_negative_position_is_refused()
    {
        var sampler = Sampler();

        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Position = -1);
    }
}
