using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Tasks;

public sealed class NextNegativeTests
{
    readonly TaskBuilder _builder = TinyWorld.Builder();
    Vocabulary V => _builder.Format.Vocabulary;
    int Id(string token) => V.Id(token);
    int[] Sid(int item) => TinyWorld.Sid(V, item);

    [Fact]
    public void Every_history_negative_after_the_first_is_a_target_with_the_events_before_it()
    {
        var anchors = _builder.Anchors();

        Assert.Equal([2, 6, 0], anchors.Select(a => a.TargetItem));
        Assert.Equal([2, 6, 7], anchors.Select(a => a.ContextEnd));
        Assert.All(anchors, a => Assert.Equal(0, a.User));
        Assert.Equal(2 * TinyWorld.Day + 20, anchors[1].Time);
    }

    [Fact]
    public void A_negatives_only_example_shows_the_earlier_negatives_oldest_first()
    {
        var example = _builder.NextNegative(ContextKind.Negatives)[1];

        int[] prompt = [V.BosId, Id(ReservedTokens.TaskNextNegative), Id(ReservedTokens.ContextNegatives), .. Sid(0), .. Sid(2), V.AnswerId];
        Assert.Equal([.. prompt, .. Sid(6), V.EosId], example.InputIds);
        Assert.Equal(prompt.Length, example.PromptLength);
    }

    [Fact]
    public void A_negatives_and_positives_example_shows_both_sequences_and_no_clicks()
    {
        var example = _builder.NextNegative(ContextKind.NegativesAndPositives)[1];

        int[] prompt =
        [
            V.BosId, Id(ReservedTokens.TaskNextNegative),
            Id(ReservedTokens.ContextNegatives), .. Sid(0), .. Sid(2),
            Id(ReservedTokens.ContextPositives), .. Sid(1), .. Sid(3), .. Sid(4),
            V.AnswerId,
        ];
        Assert.Equal([.. prompt, .. Sid(6), V.EosId], example.InputIds);
    }

    [Fact]
    public void The_recent_context_keeps_only_negatives_of_the_last_days_before_the_anchor()
    {
        var anchor = _builder.Anchors()[2];

        var prompt = _builder.ContextPrompt(anchor, ContextKinds.ForStage(1));

        Assert.Equal([V.BosId, Id(ReservedTokens.TaskNextNegative), Id(ReservedTokens.ContextRecentNegatives), .. Sid(6), V.AnswerId], prompt.InputIds);
        Assert.Equal(1, prompt.ContextItems);
    }

    [Fact]
    public void Evaluation_prompts_use_the_cases_history_and_anchor()
    {
        var evaluationCase = TinyWorld.Split().Cases.Single(c => c.User == 0);

        var all = _builder.PromptFor(evaluationCase, ContextKind.Negatives);
        var recent = _builder.PromptFor(evaluationCase, ContextKind.RecentNegatives);

        Assert.Equal(7, evaluationCase.NextNegative);
        Assert.Equal([V.BosId, Id(ReservedTokens.TaskNextNegative), Id(ReservedTokens.ContextNegatives), .. Sid(0), .. Sid(2), .. Sid(6), .. Sid(0), V.AnswerId], all.InputIds);
        Assert.Equal([V.BosId, Id(ReservedTokens.TaskNextNegative), Id(ReservedTokens.ContextRecentNegatives), .. Sid(6), .. Sid(0), V.AnswerId], recent.InputIds);
    }

    [Fact]
    public void Truncation_drops_the_oldest_events_whole_sids_at_a_time()
    {
        var builder = TinyWorld.Builder(new TaskOptions { MaxContextTokens = 16 });
        var evaluationCase = TinyWorld.Split().Cases.Single(c => c.User == 0);

        var negatives = builder.PromptFor(evaluationCase, ContextKind.Negatives);
        var both = builder.PromptFor(evaluationCase, ContextKind.NegativesAndPositives);

        Assert.Equal([V.BosId, Id(ReservedTokens.TaskNextNegative), Id(ReservedTokens.ContextNegatives), .. Sid(2), .. Sid(6), .. Sid(0), V.AnswerId], negatives.InputIds);
        Assert.Equal(16, negatives.Length);
        Assert.Equal([V.BosId, Id(ReservedTokens.TaskNextNegative), Id(ReservedTokens.ContextNegatives), .. Sid(0), Id(ReservedTokens.ContextPositives), .. Sid(5), V.AnswerId], both.InputIds);
        Assert.True(both.Length <= 16);
    }

    [Fact]
    public void Nothing_after_the_split_cut_reaches_a_training_example()
    {
        var split = TinyWorld.Split();
        var examples = Enum.GetValues<ContextKind>().SelectMany(_builder.NextNegative)
            .Concat(TinyWorld.Builder(new TaskOptions { MinContextNegatives = 0 }).NextNegative(ContextKind.NegativesAndPositives))
            .Concat(_builder.Alignment().Select(a => a.Example)).ToArray();

        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(TinyWorld.ContainsRun(e.InputIds, Sid(7)), "item 7 is only rejected after the cut"));
        Assert.All(_builder.Anchors(), a => Assert.True(a.ContextEnd < split.HistoryEnd[a.User]));
        Assert.DoesNotContain(_builder.Anchors(), a => a.User == 1);
    }

    [Fact]
    public void The_per_user_cap_keeps_the_latest_anchor_and_spreads_the_rest()
    {
        var capped = TinyWorld.Builder(new TaskOptions { ExamplesPerUser = 2 });

        Assert.Equal([6, 0], capped.Anchors().Select(a => a.TargetItem));
        Assert.Equal([3, 6, 9], TaskBuilder.Spread([.. Enumerable.Range(0, 10)], 3));
        Assert.Equal([9], TaskBuilder.Spread([.. Enumerable.Range(0, 10)], 1));
    }
}
