using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tasks;

/// <summary>
/// Every SFT example and GRPO prompt of one evaluation split. Training material comes from each user's history
/// only (events <c>[UserStart[u], split.HistoryEnd[u])</c>); evaluation prompts from a case's history. Results are
/// in user order and do not depend on threads: per-user randomness is seeded from (seed, user).
/// </summary>
public sealed class TaskBuilder
{
    readonly EvaluationSplit _split;
    readonly EventTable _events;

    /// <param name="itemSids">Item index -> codes per level, suffix code last.</param>
    public TaskBuilder(EvaluationSplit split, Vocabulary vocabulary, IReadOnlyList<int[]> itemSids, TaskOptions options)
    {
        _split = split;
        _events = split.Dataset.Events;
        Format = new TaskFormat(vocabulary, split.Dataset.Items, itemSids, options);
    }

    public TaskFormat Format { get; }
    public TaskOptions Options => Format.Options;

    /// <summary>SID -> title and title -> SID for every item with a non-empty title (two examples per item).</summary>
    public IReadOnlyList<TrainingExample> Translation()
    {
        var examples = new List<TrainingExample>(2 * Format.Sids.ItemCount);
        for (var item = 0; item < Format.Sids.ItemCount; item++)
        {
            if (Format.TitleOf(item).IsEmpty) continue;
            examples.Add(Format.SidToTitle(item));
            examples.Add(Format.TitleToSid(item));
        }
        return examples;
    }

    /// <summary>Item-level alignment items from every user's history.</summary>
    public IReadOnlyList<AlignmentSample> Alignment() =>
        PerUser(u => AlignmentSampler.Sample(Format, _events, u, _events.UserStart[u], _split.HistoryEnd[u]));

    /// <summary>Alignment items from the events <c>[start, end)</c> of one user (e.g. a case's history, for evaluation).</summary>
    public IReadOnlyList<AlignmentSample> AlignmentFor(int user, int start, int end) =>
        AlignmentSampler.Sample(Format, _events, user, start, end);

    /// <summary>
    /// Next-negative anchors inside every user's history: each history negative preceded by at least
    /// <see cref="TaskOptions.MinContextNegatives"/> negatives, at most <see cref="TaskOptions.ExamplesPerUser"/>
    /// per user, spread evenly with the latest always kept.
    /// </summary>
    public IReadOnlyList<TrainingAnchor> Anchors() => PerUser(UserAnchors);

    /// <summary>Warm-up SFT: one next-negative example per anchor whose context shows at least one item.</summary>
    public IReadOnlyList<TrainingExample> NextNegative(ContextKind kind) => PerUser(u =>
    {
        var examples = new List<TrainingExample>();
        foreach (var anchor in UserAnchors(u))
        {
            var prompt = ContextPrompt(anchor, kind);
            if (prompt.ContextItems > 0) examples.Add(Format.NextNegative(prompt, anchor.TargetItem));
        }
        return examples;
    });

    /// <summary>A GRPO rollout prompt (no answer) at a training anchor.</summary>
    public Prompt ContextPrompt(TrainingAnchor anchor, ContextKind kind)
    {
        if (anchor.ContextStart != _events.UserStart[anchor.User] || anchor.ContextEnd > _split.HistoryEnd[anchor.User])
            throw new ArgumentException($"anchor [{anchor.ContextStart}, {anchor.ContextEnd}) is not inside user {anchor.User}'s history", nameof(anchor));
        return Format.NextNegativePrompt(_events, anchor.ContextStart, anchor.ContextEnd, anchor.Time, kind);
    }

    /// <summary>The evaluation prompt of a case: its history, seen at its anchor.</summary>
    public Prompt PromptFor(EvaluationCase evaluationCase, ContextKind kind) =>
        Format.NextNegativePrompt(_events, evaluationCase.HistoryStart, evaluationCase.HistoryEnd, evaluationCase.Anchor, kind);

    List<TrainingAnchor> UserAnchors(int user)
    {
        var start = _events.UserStart[user];
        var end = _split.HistoryEnd[user];
        var kinds = _events.Kinds;
        var times = _events.Times;
        var items = _events.Items;
        var targets = new List<int>();
        var negativesBefore = 0;
        for (var e = start; e < end; e++)
        {
            if (kinds[e] != FeedbackKind.Negative) continue;
            if (negativesBefore >= Options.MinContextNegatives) targets.Add(e);
            negativesBefore++;
        }
        var anchors = new List<TrainingAnchor>();
        foreach (var e in Spread(targets, Options.ExamplesPerUser))
            anchors.Add(new TrainingAnchor(user, start, e, e > start ? times[e - 1] : times[e], items[e]));
        return anchors;
    }

    /// <summary>At most <paramref name="cap"/> of <paramref name="all"/>, evenly spaced, the last always included, in order.</summary>
    internal static List<int> Spread(List<int> all, int cap)
    {
        if (all.Count <= cap) return all;
        var picked = new int[cap];
        for (var i = 0; i < cap; i++) picked[cap - 1 - i] = all[all.Count - 1 - (int)((long)i * all.Count / cap)];
        return [.. picked];
    }

    List<T> PerUser<T>(Func<int, List<T>> build)
    {
        var perUser = new List<T>[_events.UserCount];
        Parallel.For(0, perUser.Length, u => perUser[u] = build(u));
        var all = new List<T>();
        foreach (var list in perUser) all.AddRange(list);
        return all;
    }
}
