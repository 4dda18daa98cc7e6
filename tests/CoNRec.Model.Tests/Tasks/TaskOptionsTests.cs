using CoNRec.Model.Tasks;

namespace CoNRec.Model.Tests.Tasks;

public sealed class TaskOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new TaskOptions();

        options.Validate();

        Assert.Equal((256, 3.0, 1), (options.MaxContextTokens, options.RecentDays, options.AlignmentMinRejections));
    }

    [Theory]
    [InlineData("maxContextTokens", "tasks.maxContextTokens must be >= 16 (got 3)")]
    [InlineData("examplesPerUser", "tasks.examplesPerUser must be >= 1 (got 0)")]
    [InlineData("recentDays", "tasks.recentDays must be a positive number of days (got 0)")]
    [InlineData("alignmentMinRejections", "tasks.alignmentMinRejections must be >= 1 (got 0)")]
    public void A_bad_setting_is_named_in_the_error(string setting, string message)
    {
        var options = setting switch
        {
            "maxContextTokens" => new TaskOptions { MaxContextTokens = 3 },
            "examplesPerUser" => new TaskOptions { ExamplesPerUser = 0 },
            "recentDays" => new TaskOptions { RecentDays = 0 },
            _ => new TaskOptions { AlignmentMinRejections = 0 },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_context_too_short_for_one_sid_is_refused_when_the_tasks_are_built()
    {
        int[][] longSids = [.. Enumerable.Range(0, 8).Select(i => new int[12])];
        var vocabulary = CoNRec.Model.Vocab.Vocabulary.Create(Enumerable.Repeat(2, 12).ToArray(), CoNRec.Model.Vocab.BpeTitleTokenizer.Train(["a"]));

        var error = Assert.Throws<ArgumentException>(() => new TaskBuilder(TinyWorld.Split(), vocabulary, longSids, new TaskOptions { MaxContextTokens = 16 }));

        Assert.Contains("tasks.maxContextTokens", error.Message, StringComparison.Ordinal);
    }
}
