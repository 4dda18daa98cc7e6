using CoNRec.Cluster.Configuration;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Rewards;
using CoNRec.Model.Tasks;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>How an ablation row's policy comes to be.</summary>
public enum AblationSource
{
    /// <summary>The main run's warm-up SFT model (negatives-only context).</summary>
    WarmupSft,

    /// <summary>A second warm-up SFT from the alignment model, with the negatives + positives context.</summary>
    SftNegativesAndPositives,

    /// <summary>GRPO from the warm-up model with <see cref="AblationRow.Grpo"/>'s settings, in the row's own folder.</summary>
    Grpo,

    /// <summary>The main run's GRPO model: full CoNRec.</summary>
    MainGrpo,
}

/// <summary>
/// One row of the ablation table (the paper's Table 2 on our data). Every GRPO row starts from the same warm-up model
/// and spends the same total sample budget as the main run; rows differ only in what the row's name says.
/// </summary>
/// <param name="Name">Folder and store stage name.</param>
/// <param name="Label">What the table prints.</param>
/// <param name="Context">The context the row is trained and evaluated with.</param>
/// <param name="Grpo">The main config turned into this row's GRPO config (rows of <see cref="AblationSource.Grpo"/>).</param>
public sealed record AblationRow(string Name, string Label, AblationSource Source, ContextKind Context, Func<RunConfig, RunConfig>? Grpo = null)
{
    public const string SftNegatives = "sft-negatives";
    public const string SftNegativesAndPositives = "sft-negatives-positives";
    public const string PlainGrpoHit = "grpo-plain-hit";
    public const string ProgressiveGrpoHit = "grpo-progressive-hit";
    public const string FutureNegativeReward = "grpo-future-negatives";
    public const string FullConrec = "conrec";

    /// <summary>The rows in table order; each GRPO row adds one thing to the row before it.</summary>
    public static IReadOnlyList<AblationRow> All { get; } =
    [
        new(SftNegatives, "SFT, negatives only", AblationSource.WarmupSft, ContextKind.Negatives),
        new(SftNegativesAndPositives, "SFT, negatives + positives", AblationSource.SftNegativesAndPositives, ContextKind.NegativesAndPositives),
        new(PlainGrpoHit, "GRPO, next-negative hit reward", AblationSource.Grpo, ContextKind.Negatives, c => WithoutFuturePositives(OneStage(c), RewardVariant.NextNegativeHit)),
        new(ProgressiveGrpoHit, "progressive GRPO, hit reward", AblationSource.Grpo, ContextKind.Negatives, c => WithoutFuturePositives(c, RewardVariant.NextNegativeHit)),
        new(FutureNegativeReward, "+ future-negative reward", AblationSource.Grpo, ContextKind.Negatives, c => WithoutFuturePositives(c, RewardVariant.NegativesOnly)),
        new(FullConrec, "+ future-positive penalty (CoNRec)", AblationSource.MainGrpo, ContextKind.Negatives),
    ];

    /// <summary>
    /// Plain GRPO: no curriculum. One stage with the whole-negative-sequence context (the warm-up's and the evaluation's),
    /// the curriculum's total budget and its middle beta, so the row differs from the progressive one only in the staging.
    /// </summary>
    public static RunConfig OneStage(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stages = config.Curriculum.Stages;
        var budget = stages.Sum(s => (long)s.SampleBudget);
        var beta = stages[stages.Count / 2].Beta;
        var stage = new CurriculumStage(0, "negatives", StageContext.Negatives, checked((int)budget), beta);
        return config with { Curriculum = config.Curriculum with { Stages = [stage] } };
    }

    /// <summary>
    /// A reward that ignores future positives: the given variant and no up-weighting of samples near a future positive
    /// (that weighting is part of the future-positive machinery the last row adds).
    /// </summary>
    public static RunConfig WithoutFuturePositives(RunConfig config, RewardVariant variant)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reward = config.Reward;
        return config with
        {
            Reward = reward with { Scoring = reward.Scoring with { Variant = variant }, Weighting = reward.Weighting with { UpWeight = 1 } },
        };
    }
}
