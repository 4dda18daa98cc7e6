using CoNRec.Core.Curriculum;

namespace CoNRec.Core.Tests.Curriculum;

public sealed class CurriculumOptionsTests
{
    [Fact]
    public void Defaults_are_the_three_stages_of_the_method()
    {
        var options = new CurriculumOptions().Validate();

        Assert.Equal([StageContext.RecentNegatives, StageContext.Negatives, StageContext.NegativesAndPositives], options.Stages.Select(s => s.Context));
        Assert.Equal([0.04, 0.02, 0.01], options.Stages.Select(s => s.Beta));
        Assert.All(options.Stages, s => Assert.Equal((4096, 3.0), (s.SampleBudget, s.RecentDays)));
        Assert.Equal([0, 1, 2], options.Stages.Select(s => s.Index));
    }

    [Fact]
    public void Budgets_are_settable()
    {
        var options = new CurriculumOptions().WithSampleBudget(100_000);

        Assert.All(options.Stages, s => Assert.Equal(100_000, s.SampleBudget));
    }

    [Theory]
    [InlineData(1, "beta", "curriculum.stages[1].beta must be >= 0 (got -1)")]
    [InlineData(0, "budget", "curriculum.stages[0].sampleBudget must be >= 1 (got 0)")]
    [InlineData(2, "index", "curriculum.stages[2].index must be 2 (got 5)")]
    [InlineData(0, "recentDays", "curriculum.stages[0].recentDays must be a positive number of days (got 0)")]
    [InlineData(1, "name", "curriculum.stages[1].name must not be empty")]
    public void Validate_names_the_bad_setting(int stage, string setting, string message)
    {
        var stages = CurriculumOptions.DefaultStages(16);
        stages[stage] = setting switch
        {
            "beta" => stages[stage] with { Beta = -1 },
            "budget" => stages[stage] with { SampleBudget = 0 },
            "index" => stages[stage] with { Index = 5 },
            "recentDays" => stages[stage] with { RecentDays = 0 },
            _ => stages[stage] with { Name = " " },
        };

        var error = Assert.Throws<ArgumentException>(() => new CurriculumOptions { Stages = stages }.Validate());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_curriculum_needs_a_stage()
    {
        var error = Assert.Throws<ArgumentException>(() => new CurriculumOptions { Stages = [] }.Validate());

        Assert.Equal("curriculum.stages must hold at least one stage", error.Message);
    }
}
