using CoNRec.Core.Data;
using CoNRec.Core.Rewards;
using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Rewards;

public sealed class RewardTargetsTests
{
    // One user, W = 7 days. Event index: item, kind, day.
    //  0: i0 neg 1 | 1: i1 pos 2 | 2: i2 neg 3 | 3: i3 neg 3 | 4: i6 exposure 4 | 5: i4 pos 5 | 6: i5 neg 8
    //  7: i0 neg 11 | 8: i6 pos 12 | 9: i7 neg 13 | 10: i1 pos 14
    // History end 9: events 9 and 10 are evaluation targets and must never be read.
    static Dataset Timeline() => RewardData.Build(8,
        ("u", 0, 1, FeedbackKind.Negative), ("u", 1, 2, FeedbackKind.Positive), ("u", 2, 3, FeedbackKind.Negative),
        ("u", 3, 3, FeedbackKind.Negative), ("u", 6, 4, FeedbackKind.Exposure), ("u", 4, 5, FeedbackKind.Positive),
        ("u", 5, 8, FeedbackKind.Negative), ("u", 0, 11, FeedbackKind.Negative), ("u", 6, 12, FeedbackKind.Positive),
        ("u", 7, 13, FeedbackKind.Negative), ("u", 1, 14, FeedbackKind.Positive));

    static RewardContext Context(IItemNeighbors? neighbors = null, RewardOptions? options = null) =>
        RewardData.Context(Timeline(), options ?? new RewardOptions(), neighbors, historyEnd: [9]);

    [Fact]
    public void Future_sets_hold_the_window_after_the_anchor_and_nothing_else()
    {
        var context = Context();

        // Anchor after event 2 (day 3): window (3, 10]. Event 3 shares day 3 but comes after the cut, so it counts;
        // event 7 (day 11) is past the window; the exposure is neither set.
        var targets = context.TargetsOf(new RewardAnchor(0, 3, Time.Days(3)));

        Assert.Equal([3, 5], targets.Gts);
        Assert.Equal(2, targets.FutureNegativeCount);
        Assert.Equal([4], targets.Fps);
        Assert.Equal(3, targets.NextNegative);
    }

    [Fact]
    public void Events_after_the_history_end_are_never_used()
    {
        var context = Context();

        // Anchor after event 6 (day 8): window (8, 15] holds events 7..10, but 9 and 10 are past the history end.
        var targets = context.TargetsOf(new RewardAnchor(0, 7, Time.Days(8)));
        // Anchor after event 7 (day 11): the only later negative (event 9) is past the history end.
        var late = context.TargetsOf(new RewardAnchor(0, 8, Time.Days(11)));

        Assert.Equal([0], targets.Gts);
        Assert.Equal([6], targets.Fps);
        Assert.Empty(late.Gts);
        Assert.Equal([6], late.Fps);
        Assert.Equal(-1, late.NextNegative);
    }

    [Fact]
    public void The_next_negative_may_lie_beyond_the_window()
    {
        var context = Context(options: new RewardOptions { WindowDays = 1 });

        // Window (5, 6] is empty; the next negative is event 6 (day 8).
        var targets = context.TargetsOf(new RewardAnchor(0, 6, Time.Days(5)));

        Assert.Empty(targets.Gts);
        Assert.Empty(targets.Fps);
        Assert.Equal(5, targets.NextNegative);
    }

    [Fact]
    public void Swing_neighbours_of_each_future_negative_join_the_ground_truth_set_once()
    {
        var neighbors = new FixedNeighbors(8, new() { [3] = [7, 5, 6], [5] = [1, 2] });

        var two = Context(neighbors, new RewardOptions { SwingNeighbours = 2 }).TargetsOf(new RewardAnchor(0, 3, Time.Days(3)));
        var none = Context(neighbors, new RewardOptions { SwingNeighbours = 0 }).TargetsOf(new RewardAnchor(0, 3, Time.Days(3)));

        // Negatives 3 and 5, then 3's top two (7, and 5 already present), then 5's top two (1, 2).
        Assert.Equal([3, 5, 7, 1, 2], two.Gts);
        Assert.Equal(2, two.FutureNegativeCount);
        Assert.Equal([3, 5], none.Gts);
    }

    [Fact]
    public void Targets_are_cached_per_anchor()
    {
        var context = Context();
        var anchor = new RewardAnchor(0, 3, Time.Days(3));

        var first = context.TargetsOf(anchor);
        var second = context.TargetsOf(anchor);

        Assert.Same(first, second);
        Assert.Equal(1, context.CachedAnchors);
    }

    [Fact]
    public void An_anchor_outside_the_users_history_is_refused()
    {
        var context = Context();

        var error = Assert.Throws<ArgumentException>(() => context.TargetsOf(new RewardAnchor(0, 10, Time.Days(13))));

        Assert.Contains("outside user 0's history [0, 9]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_end_past_the_users_events_is_refused()
    {
        var dataset = Timeline();

        var error = Assert.Throws<ArgumentException>(() => RewardData.Context(dataset, new RewardOptions(), historyEnd: [12]));

        Assert.StartsWith("historyEnd[0] = 12 is outside user 0's events [0, 11]", error.Message, StringComparison.Ordinal);
    }
}
