using CoNRec.Core.Data;

namespace CoNRec.Core.Evaluation;

/// <summary>Per-item counts over a split's history (events <c>[UserStart[u], HistoryEnd[u])</c>), never its targets.</summary>
public static class HistoryCounts
{
    /// <summary>Negative events per item, all users together (the long-tail item criterion).</summary>
    public static int[] NegativeEvents(EvaluationSplit split)
    {
        var events = split.Dataset.Events;
        var counts = new int[split.Dataset.Items.Count];
        var items = events.Items;
        var kinds = events.Kinds;
        var starts = events.UserStart;
        var ends = split.HistoryEnd;
        for (var u = 0; u < events.UserCount; u++)
            for (var i = starts[u]; i < ends[u]; i++)
                if (kinds[i] == FeedbackKind.Negative) counts[items[i]]++;
        return counts;
    }

    /// <summary>Distinct users who rejected each item (dislike popularity).</summary>
    public static int[] NegativeUsers(EvaluationSplit split)
    {
        var events = split.Dataset.Events;
        var counts = new int[split.Dataset.Items.Count];
        // lastUser[item] = u + 1 once user u has been counted for the item: no per-user set needed.
        var lastUser = new int[counts.Length];
        var items = events.Items;
        var kinds = events.Kinds;
        var starts = events.UserStart;
        var ends = split.HistoryEnd;
        for (var u = 0; u < events.UserCount; u++)
        {
            for (var i = starts[u]; i < ends[u]; i++)
            {
                if (kinds[i] != FeedbackKind.Negative || lastUser[items[i]] == u + 1) continue;
                lastUser[items[i]] = u + 1;
                counts[items[i]]++;
            }
        }
        return counts;
    }

    /// <summary>Number of history events over all users.</summary>
    public static long HistoryEvents(EvaluationSplit split)
    {
        var starts = split.Dataset.Events.UserStart;
        var ends = split.HistoryEnd;
        long total = 0;
        for (var u = 0; u < ends.Length; u++) total += ends[u] - starts[u];
        return total;
    }
}
