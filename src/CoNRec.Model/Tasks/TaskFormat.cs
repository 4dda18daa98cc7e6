using CoNRec.Core.Data;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tasks;

/// <summary>
/// The token layout of every task (angle-bracket names are single tokens, SID a whole item SID):
/// <code>
/// SID -> title   &lt;bos&gt;&lt;task_sid2title&gt; SID &lt;answer&gt; | title &lt;eos&gt;
/// title -> SID   &lt;bos&gt;&lt;task_title2sid&gt; title &lt;answer&gt; | SID &lt;eos&gt;
/// alignment      &lt;bos&gt;&lt;task_align&gt;&lt;choice_1&gt; SID ... &lt;choice_4&gt; SID &lt;answer&gt; | &lt;choice_k&gt; &lt;eos&gt;
/// next negative  &lt;bos&gt;&lt;task_next_neg&gt; context &lt;answer&gt; | SID &lt;eos&gt;
/// </code>
/// where context is &lt;ctx_recent_neg&gt; SIDs, &lt;ctx_neg&gt; SIDs, or &lt;ctx_neg&gt; SIDs &lt;ctx_pos&gt; SIDs, each sequence
/// oldest to newest. The alignment answer is the choice marker alone: accuracy is then one argmax over the four
/// choice tokens, and the model is not rewarded for copying a SID that is already in the prompt.
/// </summary>
public sealed class TaskFormat
{
    readonly ItemCatalog _items;
    readonly int[]?[] _titles;

    public TaskFormat(Vocabulary vocabulary, ItemCatalog items, IReadOnlyList<int[]> itemSids, TaskOptions options)
    {
        options.Validate();
        if (itemSids.Count != items.Count)
            throw new ArgumentException($"the SID table holds {itemSids.Count} items, the catalogue {items.Count}", nameof(itemSids));
        Vocabulary = vocabulary;
        Sids = new ItemSidTokens(vocabulary.Sid, itemSids);
        Options = options;
        _items = items;
        _titles = new int[]?[items.Count];
        // <bos>, task, <ctx_neg>, <ctx_pos>, <answer>: the most fixed tokens a behaviour prompt holds.
        if (options.MaxContextTokens < 5 + Sids.Length)
            throw new ArgumentException($"tasks.maxContextTokens must hold one SID ({Sids.Length} tokens) and 5 markers (got {options.MaxContextTokens})");
    }

    public Vocabulary Vocabulary { get; }
    public ItemSidTokens Sids { get; }
    public TaskOptions Options { get; }

    /// <summary>The item's title tokens, cut to <see cref="TaskOptions.MaxTitleTokens"/>; empty for an empty title.</summary>
    public ReadOnlySpan<int> TitleOf(int item)
    {
        var title = _titles[item];
        if (title is null)
        {
            var ids = Vocabulary.EncodeTitle(_items.Titles[item]);
            _titles[item] = title = ids.Length > Options.MaxTitleTokens ? ids[..Options.MaxTitleTokens] : ids;
        }
        return title;
    }

    public Prompt SidToTitlePrompt(int item) =>
        new([Vocabulary.BosId, Id(ReservedTokens.TaskSidToTitle), .. Sids.Of(item), Vocabulary.AnswerId]);

    public TrainingExample SidToTitle(int item) => Complete(SidToTitlePrompt(item), TitleOf(item));

    public Prompt TitleToSidPrompt(int item) =>
        new([Vocabulary.BosId, Id(ReservedTokens.TaskTitleToSid), .. TitleOf(item), Vocabulary.AnswerId]);

    public TrainingExample TitleToSid(int item) => Complete(TitleToSidPrompt(item), Sids.Of(item));

    /// <summary>The 4-way choice prompt over <paramref name="candidates"/> in the order given.</summary>
    public Prompt AlignmentPrompt(IReadOnlyList<int> candidates)
    {
        if (candidates.Count != ReservedTokens.ChoiceCount)
            throw new ArgumentException($"alignment shows {ReservedTokens.ChoiceCount} candidates (got {candidates.Count})", nameof(candidates));
        var ids = new List<int>(3 + candidates.Count * (1 + Sids.Length)) { Vocabulary.BosId, Id(ReservedTokens.TaskAlign) };
        for (var k = 0; k < candidates.Count; k++)
        {
            ids.Add(Vocabulary.ChoiceId(k + 1));
            ids.AddRange(Sids.Of(candidates[k]));
        }
        ids.Add(Vocabulary.AnswerId);
        return new Prompt([.. ids], candidates.Count);
    }

    /// <param name="rejectedIndex">0-based position of the rejected item among the candidates.</param>
    public TrainingExample Alignment(IReadOnlyList<int> candidates, int rejectedIndex) =>
        Complete(AlignmentPrompt(candidates), [Vocabulary.ChoiceId(rejectedIndex + 1)]);

    /// <summary>The next-negative prompt for the events <c>[start, end)</c> of one user, seen at <paramref name="anchorTime"/>.</summary>
    public Prompt NextNegativePrompt(EventTable events, int start, int end, long anchorTime, ContextKind kind) =>
        BehaviourContext.Write(this, events, start, end, anchorTime, kind);

    public TrainingExample NextNegative(Prompt prompt, int targetItem) => Complete(prompt, Sids.Of(targetItem));

    internal int Id(string token) => Vocabulary.Id(token);

    TrainingExample Complete(Prompt prompt, ReadOnlySpan<int> answer) =>
        new([.. prompt.InputIds, .. answer, Vocabulary.EosId], prompt.InputIds.Length);
}
