using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Tasks;

public sealed class TaskFormatTests
{
    readonly TaskBuilder _builder = TinyWorld.Builder();
    Vocabulary V => _builder.Format.Vocabulary;
    int Id(string token) => V.Id(token);
    int[] Sid(int item) => TinyWorld.Sid(V, item);

    [Fact]
    public void Sid_to_title_is_the_sid_then_the_title_then_eos()
    {
        var example = _builder.Format.SidToTitle(2);

        int[] prompt = [V.BosId, Id(ReservedTokens.TaskSidToTitle), .. Sid(2), V.AnswerId];
        Assert.Equal([.. prompt, .. V.EncodeTitle("red hat"), V.EosId], example.InputIds);
        Assert.Equal(prompt.Length, example.PromptLength);
        Assert.Equal("red hat", V.DecodeTitle(example.Answer.ToArray()));
    }

    [Fact]
    public void Title_to_sid_is_the_title_then_the_sid_then_eos()
    {
        var example = _builder.Format.TitleToSid(5);

        int[] prompt = [V.BosId, Id(ReservedTokens.TaskTitleToSid), .. V.EncodeTitle("wool scarf"), V.AnswerId];
        Assert.Equal([.. prompt, .. Sid(5), V.EosId], example.InputIds);
        Assert.Equal(prompt.Length, example.PromptLength);
        Assert.Equal(prompt, _builder.Format.TitleToSidPrompt(5).InputIds);
    }

    [Fact]
    public void Translation_gives_both_directions_for_every_item()
    {
        var examples = _builder.Translation();

        Assert.Equal(2 * 8, examples.Count);
        Assert.Equal(8, examples.Count(e => e.InputIds[1] == Id(ReservedTokens.TaskSidToTitle)));
    }

    [Fact]
    public void Alignment_lists_four_choices_and_answers_with_the_rejected_ones_marker()
    {
        var example = _builder.Format.Alignment([3, 0, 5, 1], rejectedIndex: 1);

        int[] expected =
        [
            V.BosId, Id(ReservedTokens.TaskAlign),
            V.ChoiceId(1), .. Sid(3), V.ChoiceId(2), .. Sid(0), V.ChoiceId(3), .. Sid(5), V.ChoiceId(4), .. Sid(1),
            V.AnswerId, V.ChoiceId(2), V.EosId,
        ];
        Assert.Equal(expected, example.InputIds);
        Assert.Equal(expected.Length - 2, example.PromptLength);
    }

    [Fact]
    public void Every_prompt_ends_with_answer_and_every_answer_with_eos()
    {
        var examples = _builder.Translation().Concat(_builder.NextNegative(ContextKind.Negatives)).Concat(_builder.Alignment().Select(a => a.Example));

        Assert.All(examples, e =>
        {
            Assert.Equal(V.AnswerId, e.InputIds[e.PromptLength - 1]);
            Assert.Equal(V.EosId, e.InputIds[^1]);
            Assert.DoesNotContain(V.AnswerId, e.Answer.ToArray());
        });
    }

    [Fact]
    public void A_sid_outside_the_layout_is_refused_with_the_item()
    {
        int[][] sids = [.. TinyWorld.ItemSids.Select(s => s.ToArray())];
        sids[6] = [0, 0, 9, 0];

        var error = Assert.Throws<ArgumentException>(() => new TaskBuilder(TinyWorld.Split(), V, sids, new TaskOptions()));

        Assert.Contains("item 6", error.Message, StringComparison.Ordinal);
    }
}
