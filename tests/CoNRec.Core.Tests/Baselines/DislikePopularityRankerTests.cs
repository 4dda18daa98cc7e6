using CoNRec.Core.Baselines;
using CoNRec.Core.Data;
using CoNRec.Core.Tests.Evaluation;

namespace CoNRec.Core.Tests.Baselines;

public sealed class DislikePopularityRankerTests
{
    [Fact]
    public void Popularity_counts_distinct_rejecting_users_in_the_history_only()
    {
        // i5 is rejected only after t0 (u0, u3) and i4 only in the targets: both stay at 0.
        var ranker = new DislikePopularityRanker(TinyData.FourUsers());

        Assert.Equal([3, 3, 1, 0, 0, 0], ranker.Popularity.Counts.ToArray());
        Assert.Equal([0, 1, 2, 3, 4, 5], ranker.Popularity.Order.ToArray());
    }

    [Fact]
    public void Ranking_skips_excluded_items_and_breaks_ties_by_smaller_index()
    {
        // Popularity: i3 2 users, i1 and i4 1 user each, others 0.
        var split = TinyData.Split(TinyData.Build(5,
            ("a", 3, 1, FeedbackKind.Negative), ("a", 4, 2, FeedbackKind.Negative), ("a", 0, 9, FeedbackKind.Negative),
            ("b", 3, 1, FeedbackKind.Negative), ("b", 1, 2, FeedbackKind.Negative), ("b", 3, 3, FeedbackKind.Negative),
            ("c", 2, 11, FeedbackKind.Negative)), t0Days: 5, windowDays: 7);
        var ranker = new DislikePopularityRanker(split);

        var forAnybody = ranker.Rank(TinyData.Case(2, [2]), 4);
        var withExclusions = ranker.Rank(TinyData.Case(2, [2], excluded: [1, 3]), 4);

        Assert.Equal([3, 1, 4, 0], forAnybody);
        Assert.Equal([4, 0, 2], withExclusions);
    }

    [Fact]
    public void Candidate_scores_are_the_popularity_counts()
    {
        var split = TinyData.FourUsers();
        var ranker = new DislikePopularityRanker(split);
        var u1 = split.Cases[1];

        var scores = ranker.Score(u1, u1.Candidates);

        Assert.Equal([3, 1, 2], u1.Candidates);
        Assert.Equal([0f, 3f, 1f], scores);
    }
}
