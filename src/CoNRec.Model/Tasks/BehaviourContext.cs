using CoNRec.Core.Data;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tasks;

/// <summary>
/// Writes a next-negative prompt from a slice of one user's events. When the SIDs do not fit
/// <see cref="TaskOptions.MaxContextTokens"/>, the oldest events go first, whole items at a time; with negatives
/// and positives both, the newest events of either kind are kept, so the positives' share follows the user's behaviour.
/// </summary>
internal static class BehaviourContext
{
    public static Prompt Write(TaskFormat format, EventTable events, int start, int end, long anchorTime, ContextKind kind)
    {
        var users = events.Users;
        var kinds = events.Kinds;
        var times = events.Times;
        var items = events.Items;
        if (start < 0 || end > events.Count || start > end) throw new ArgumentOutOfRangeException(nameof(end), $"[{start}, {end}) is not an event range");
        if (end > start && users[start] != users[end - 1]) throw new ArgumentException($"events [{start}, {end}) span more than one user");

        var vocabulary = format.Vocabulary;
        var withPositives = kind == ContextKind.NegativesAndPositives;
        var recentAfter = kind == ContextKind.RecentNegatives ? anchorTime - Time.Days(format.Options.RecentDays) : long.MinValue;
        // <bos>, task, one or two sequence markers, <answer>.
        var fixedTokens = withPositives ? 5 : 4;
        var capacity = (format.Options.MaxContextTokens - fixedTokens) / format.Sids.Length;

        // Walk back from the newest event, keeping what the context shows until the budget is spent.
        var kept = new List<int>();
        for (var e = end - 1; e >= start && kept.Count < capacity; e--)
        {
            var shown = kinds[e] switch
            {
                FeedbackKind.Negative => times[e] > recentAfter,
                FeedbackKind.Positive => withPositives,
                _ => false,
            };
            if (shown) kept.Add(e);
        }
        kept.Reverse();

        var ids = new List<int>(fixedTokens + kept.Count * format.Sids.Length) { vocabulary.BosId, format.Id(ReservedTokens.TaskNextNegative) };
        ids.Add(format.Id(kind == ContextKind.RecentNegatives ? ReservedTokens.ContextRecentNegatives : ReservedTokens.ContextNegatives));
        foreach (var e in kept)
            if (kinds[e] == FeedbackKind.Negative) ids.AddRange(format.Sids.Of(items[e]));
        if (withPositives)
        {
            ids.Add(format.Id(ReservedTokens.ContextPositives));
            foreach (var e in kept)
                if (kinds[e] == FeedbackKind.Positive) ids.AddRange(format.Sids.Of(items[e]));
        }
        ids.Add(vocabulary.AnswerId);
        return new Prompt([.. ids], kept.Count);
    }
}
