using CoNRec.Core.Data;

namespace CoNRec.Core.Evaluation;

/// <summary>
/// A dataset cut into history and targets (<see cref="SplitOptions"/>). Every user has a history (events
/// <c>[UserStart[u], HistoryEnd[u])</c>, what models and baselines may learn from) and an anchor time; users
/// with at least one negative in (anchor, anchor + W] become <see cref="Cases"/>. In per-user mode the cut is
/// by event index, so events that share the anchor's timestamp but come after the cut are targets: public logs
/// (MovieLens) stamp whole sessions with the same second, and a time cut would drop those users entirely. Users with no future
/// negative are not evaluated (method.md). With <see cref="SplitOptions.ExcludeSeenItems"/>, targets the user
/// already gave feedback on are dropped too, since they can never be ranked.
/// </summary>
public sealed class EvaluationSplit
{
    readonly int[] _historyEnd;
    readonly long[] _anchor;

    EvaluationSplit(Dataset dataset, SplitOptions options, int[] historyEnd, long[] anchor, EvaluationCase[] cases)
    {
        Dataset = dataset;
        Options = options;
        _historyEnd = historyEnd;
        _anchor = anchor;
        Cases = cases;
    }

    public Dataset Dataset { get; }
    public SplitOptions Options { get; }
    public IReadOnlyList<EvaluationCase> Cases { get; }

    /// <summary>Exclusive end index of each user's history in the dataset's event table.</summary>
    public ReadOnlySpan<int> HistoryEnd => _historyEnd;

    public long AnchorOf(int user) => _anchor[user];

    /// <exception cref="ArgumentException">A setting is invalid or does not fit the data (names the setting).</exception>
    public static EvaluationSplit Create(Dataset dataset, SplitOptions options)
    {
        options.Validate();
        var events = dataset.Events;
        if (events.Count == 0) throw new ArgumentException("split: the dataset has no events");
        var window = Time.Days(options.WindowDays);
        var (historyEnd, anchor) = options.Mode switch
        {
            SplitMode.GlobalTime => GlobalCut(events, ResolveT0(events, options, window)),
            SplitMode.PerUserAnchor => PerUserCut(events, options.AnchorFraction),
            _ => throw new ArgumentException($"split.mode '{options.Mode}' is not supported"),
        };
        var builder = new CaseBuilder(events, options);
        var cases = new List<EvaluationCase>();
        for (var u = 0; u < events.UserCount; u++)
            if (builder.Build(u, historyEnd[u], anchor[u], window) is { } c) cases.Add(c);
        return new EvaluationSplit(dataset, options, historyEnd, anchor, [.. cases]);
    }

    static long ResolveT0(EventTable events, SplitOptions options, long window)
    {
        var (min, max) = (events.MinTime, events.MaxTime);
        var spanDays = (max - min) / (double)Time.SecondsPerDay;
        if (window >= max - min)
            throw new ArgumentException($"split.windowDays = {options.WindowDays} is longer than the data, which spans {spanDays:0.##} days");
        var t0 = options.T0 ?? max - window;
        if (t0 < min || t0 >= max)
            throw new ArgumentException($"split.t0 = {t0} is outside the data's time range [{min}, {max}]");
        return t0;
    }

    static (int[] HistoryEnd, long[] Anchor) GlobalCut(EventTable events, long t0)
    {
        var historyEnd = new int[events.UserCount];
        var anchor = new long[events.UserCount];
        var times = events.Times;
        for (var u = 0; u < events.UserCount; u++)
        {
            var (start, end) = events.RangeOf(u);
            var slice = times[start..end];
            // First event strictly after t0 (upper bound).
            int lo = 0, hi = slice.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (slice[mid] <= t0) lo = mid + 1; else hi = mid;
            }
            historyEnd[u] = start + lo;
            anchor[u] = t0;
        }
        return (historyEnd, anchor);
    }

    static (int[] HistoryEnd, long[] Anchor) PerUserCut(EventTable events, double fraction)
    {
        var historyEnd = new int[events.UserCount];
        var anchor = new long[events.UserCount];
        for (var u = 0; u < events.UserCount; u++)
        {
            var (start, end) = events.RangeOf(u);
            var n = end - start;
            var keep = n < 2 ? n : Math.Clamp((int)Math.Floor(fraction * n), 1, n - 1);
            historyEnd[u] = start + keep;
            anchor[u] = keep == 0 ? long.MinValue : events.Times[start + keep - 1];
        }
        return (historyEnd, anchor);
    }
}
