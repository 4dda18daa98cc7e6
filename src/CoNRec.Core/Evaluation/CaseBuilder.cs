using CoNRec.Core.Data;

namespace CoNRec.Core.Evaluation;

/// <summary>Builds one user's <see cref="EvaluationCase"/> from the event table and a cut.</summary>
sealed class CaseBuilder(EventTable events, SplitOptions options)
{
    public EvaluationCase? Build(int user, int historyEnd, long anchor, long window)
    {
        var (start, end) = events.RangeOf(user);
        if (anchor == long.MinValue) return null;
        var kinds = events.Kinds;
        var items = events.Items;
        var times = events.Times;

        var seen = new HashSet<int>();
        var historyNegatives = 0;
        for (var i = start; i < historyEnd; i++)
        {
            if (kinds[i] == FeedbackKind.Negative) historyNegatives++;
            if (kinds[i] != FeedbackKind.Exposure) seen.Add(items[i]);
        }

        var futureNegatives = new List<int>();
        var futurePositives = new List<int>();
        var nextNegativeEvent = -1;
        var limit = anchor + window;
        for (var i = historyEnd; i < end && times[i] <= limit; i++)
        {
            var item = items[i];
            if (options.ExcludeSeenItems && seen.Contains(item)) continue;
            if (kinds[i] == FeedbackKind.Negative)
            {
                if (nextNegativeEvent < 0) nextNegativeEvent = i;
                if (!futureNegatives.Contains(item)) futureNegatives.Add(item);
            }
            else if (kinds[i] == FeedbackKind.Positive && !futurePositives.Contains(item))
            {
                futurePositives.Add(item);
            }
        }
        if (nextNegativeEvent < 0) return null;

        int[] excluded = options.ExcludeSeenItems ? [.. seen.Order()] : [];
        var candidates = Candidates(start, end, nextNegativeEvent);
        return new EvaluationCase(user, anchor, start, historyEnd, items[nextNegativeEvent], [.. futureNegatives],
            [.. futurePositives], excluded, historyNegatives, candidates);
    }

    /// <summary>
    /// The next negative first, then up to N neutral items (exposed or clicked, never rejected by this user)
    /// shown on the same day, or on the closest days when that day has fewer.
    /// </summary>
    int[] Candidates(int start, int end, int target)
    {
        var items = events.Items;
        var kinds = events.Kinds;
        var times = events.Times;
        var rejected = new HashSet<int>();
        for (var i = start; i < end; i++)
            if (kinds[i] == FeedbackKind.Negative) rejected.Add(items[i]);

        var targetDay = Time.Day(times[target]);
        var neutral = new List<(long DayGap, long TimeGap, int Item)>();
        for (var i = start; i < end; i++)
        {
            if (kinds[i] is not (FeedbackKind.Exposure or FeedbackKind.Click) || rejected.Contains(items[i])) continue;
            neutral.Add((Math.Abs(Time.Day(times[i]) - targetDay), Math.Abs(times[i] - times[target]), items[i]));
        }
        neutral.Sort();
        var chosen = new List<int>(options.CandidateDistractors + 1) { items[target] };
        var taken = new HashSet<int> { items[target] };
        foreach (var (_, _, item) in neutral)
        {
            if (chosen.Count > options.CandidateDistractors) break;
            if (taken.Add(item)) chosen.Add(item);
        }
        return [.. chosen];
    }
}
