using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Tests.Data;
using static CoNRec.Core.Data.FeedbackKind;

namespace CoNRec.Core.Tests.Evaluation;

public sealed class EvaluationSplitTests
{
    // u0: history up to day 10, then rejects i2 (day 11), i3 (day 12), i4 (day 30: outside the 7-day window).
    // u1: rejects only before t0: no future negative, so no case.
    // u2: rejected i1 before t0 and rejects it again after: excluded, so no case.
    static readonly Dataset Data = TinyDatasets.Build(8,
        (0, 0, 1, Negative), (0, 1, 2, Click), (0, 5, 11, Exposure), (0, 6, 11.5, Exposure), (0, 2, 11, Negative),
        (0, 3, 12, Negative), (0, 7, 13, Positive), (0, 4, 30, Negative),
        (1, 0, 3, Negative), (1, 1, 12, Positive),
        (2, 1, 4, Negative), (2, 1, 12, Negative));

    static readonly SplitOptions AtDay10 = new() { T0 = TinyDatasets.Day(10) };

    [Fact]
    public void Global_split_keeps_users_with_a_future_negative_and_collects_their_targets()
    {
        var split = EvaluationSplit.Create(Data, AtDay10);

        var c = Assert.Single(split.Cases);
        Assert.Equal(0, c.User);
        Assert.Equal(2, c.NextNegative);
        Assert.Equal([2, 3], c.FutureNegatives);
        Assert.Equal([7], c.FuturePositives);
        Assert.Equal([0, 1], c.ExcludedItems);
        Assert.Equal(1, c.HistoryNegativeCount);
        Assert.Equal(2, split.HistoryEnd[0]);
    }

    [Fact]
    public void Including_seen_items_makes_a_repeated_rejection_a_target()
    {
        var split = EvaluationSplit.Create(Data, AtDay10 with { ExcludeSeenItems = false });

        Assert.Equal([0, 2], split.Cases.Select(c => c.User));
        Assert.Empty(split.Cases[0].ExcludedItems);
        Assert.Equal([1], split.Cases[1].FutureNegatives);
    }

    [Fact]
    public void Candidates_put_the_true_negative_first_then_neutral_items_by_closeness_in_time()
    {
        var split = EvaluationSplit.Create(Data, AtDay10);

        // Day-11 exposures i5 (same time as the negative... 0 s away) and i6 first, then the day-2 click i1.
        Assert.Equal([2, 5, 6, 1], split.Cases[0].Candidates);
    }

    [Fact]
    public void Per_user_anchor_cuts_each_timeline_at_its_own_fraction()
    {
        var split = EvaluationSplit.Create(Data, new SplitOptions { Mode = SplitMode.PerUserAnchor, AnchorFraction = 0.5 });

        // u0 has 8 events: history = first 4 (days 1, 2, 11, 11), anchor = day 11, targets up to day 18.
        var c = split.Cases.Single(x => x.User == 0);
        Assert.Equal(TinyDatasets.Day(11), c.Anchor);
        Assert.Equal([3], c.FutureNegatives);
    }

    [Fact]
    public void Default_t0_is_the_last_event_minus_the_window()
    {
        var split = EvaluationSplit.Create(Data, new SplitOptions());

        Assert.Equal(TinyDatasets.Day(23), split.AnchorOf(0));
        Assert.Equal([4], Assert.Single(split.Cases).FutureNegatives);
    }

    [Fact]
    public void A_window_longer_than_the_data_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationSplit.Create(Data, new SplitOptions { WindowDays = 400 }));

        Assert.Contains("split.windowDays", error.Message);
        Assert.Contains("longer than the data", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.NaN)]
    public void A_non_positive_window_is_refused(double days)
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationSplit.Create(Data, new SplitOptions { WindowDays = days }));
        Assert.Contains("split.windowDays", error.Message);
    }

    [Fact]
    public void A_t0_outside_the_data_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationSplit.Create(Data, new SplitOptions { T0 = TinyDatasets.Day(100) }));
        Assert.Contains("split.t0", error.Message);
    }
}
