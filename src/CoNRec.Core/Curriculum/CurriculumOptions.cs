using System.Globalization;

namespace CoNRec.Core.Curriculum;

/// <summary>
/// The stages of progressive GRPO, in order. Defaults: method.md's three stages with beta 0.04 / 0.02 / 0.01
/// and <see cref="DefaultSampleBudget"/> samples each (the paper uses 100k; ours suits small runs).
/// </summary>
public sealed record CurriculumOptions
{
    public const int DefaultSampleBudget = 4096;

    public IReadOnlyList<CurriculumStage> Stages { get; init; } = DefaultStages(DefaultSampleBudget);

    public static CurriculumStage[] DefaultStages(int sampleBudget) =>
    [
        new(0, "recent-negatives", StageContext.RecentNegatives, sampleBudget, 0.04),
        new(1, "negatives", StageContext.Negatives, sampleBudget, 0.02),
        new(2, "negatives-and-positives", StageContext.NegativesAndPositives, sampleBudget, 0.01),
    ];

    /// <summary>These stages with every budget set to <paramref name="sampleBudget"/>.</summary>
    public CurriculumOptions WithSampleBudget(int sampleBudget) =>
        this with { Stages = [.. Stages.Select(s => s with { SampleBudget = sampleBudget })] };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public CurriculumOptions Validate()
    {
        if (Stages is null || Stages.Count == 0) throw new ArgumentException("curriculum.stages must hold at least one stage");
        for (var i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i] ?? throw new ArgumentException($"curriculum.stages[{i}] is missing");
            var name = $"curriculum.stages[{i}]";
            if (stage.Index != i) throw Bad($"{name}.index must be {i}", stage.Index);
            if (string.IsNullOrWhiteSpace(stage.Name)) throw new ArgumentException($"{name}.name must not be empty");
            if (!Enum.IsDefined(stage.Context)) throw Bad($"{name}.context must be RecentNegatives, Negatives or NegativesAndPositives", (int)stage.Context);
            if (stage.SampleBudget < 1) throw Bad($"{name}.sampleBudget must be >= 1", stage.SampleBudget);
            if (!double.IsFinite(stage.Beta) || stage.Beta < 0) throw Bad($"{name}.beta must be >= 0", stage.Beta);
            if (!(stage.RecentDays > 0) || double.IsInfinity(stage.RecentDays))
                throw Bad($"{name}.recentDays must be a positive number of days", stage.RecentDays);
        }
        return this;
    }

    static ArgumentException Bad(string rule, double value) => new($"{rule} (got {value.ToString(CultureInfo.InvariantCulture)})");
}
