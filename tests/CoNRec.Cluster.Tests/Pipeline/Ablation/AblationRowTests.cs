using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline.Ablation;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Rewards;

namespace CoNRec.Cluster.Tests.Pipeline.Ablation;

public sealed class AblationRowTests
{
    [Fact]
    public void Plain_grpo_is_one_negatives_stage_with_the_curriculum_total_budget_and_middle_beta()
    {
        var config = RunConfig.Demo();

        var plain = AblationRow.OneStage(config);

        var stage = Assert.Single(plain.Curriculum.Stages);
        Assert.Equal(StageContext.Negatives, stage.Context);
        Assert.Equal(config.Curriculum.Stages.Sum(s => s.SampleBudget), stage.SampleBudget);
        Assert.Equal(0.02, stage.Beta);
        Assert.Equal(config.Grpo.TotalSteps(config.Curriculum), plain.Grpo.TotalSteps(plain.Curriculum));
        plain.Validate();
    }

    [Fact]
    public void Rows_before_the_last_ignore_future_positives_and_only_the_reward_differs()
    {
        var config = RunConfig.Demo();

        var hit = AblationRow.All.Single(r => r.Name == AblationRow.ProgressiveGrpoHit).Grpo!(config);
        var future = AblationRow.All.Single(r => r.Name == AblationRow.FutureNegativeReward).Grpo!(config);

        Assert.Equal(RewardVariant.NextNegativeHit, hit.Reward.Scoring.Variant);
        Assert.Equal(RewardVariant.NegativesOnly, future.Reward.Scoring.Variant);
        Assert.All(new[] { hit, future }, c => Assert.Equal(1, c.Reward.Weighting.UpWeight));
        Assert.Equal(config.Curriculum, hit.Curriculum);
        Assert.Equal(config.Grpo, future.Grpo);
        Assert.Equal(RewardVariant.NegativeMinusPositive, config.Reward.Scoring.Variant);
    }

    [Fact]
    public void The_table_has_the_six_rows_of_the_paper_in_order()
    {
        Assert.Equal(
            [AblationRow.SftNegatives, AblationRow.SftNegativesAndPositives, AblationRow.PlainGrpoHit, AblationRow.ProgressiveGrpoHit,
             AblationRow.FutureNegativeReward, AblationRow.FullConrec],
            AblationRow.All.Select(r => r.Name));
    }
}
