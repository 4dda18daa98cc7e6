using CoNRec.Core.Baselines;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Tests.Evaluation;

namespace CoNRec.Core.Tests.Baselines;

public sealed class SwingRankerTests
{
    static FixedNeighbors FourUserNeighbors() => new(6, new()
    {
        [0] = [(3, 0.9f), (5, 0.2f)],
        [1] = [(4, 0.5f)],
    });

    [Fact]
    public void A_neighbour_of_a_past_negative_comes_first_and_popularity_fills_the_rest()
    {
        // u1 rejected i0 (excluded); its neighbours i3 (0.9) and i5 (0.2) lead, then the most rejected items.
        var split = TinyData.FourUsers();
        var ranker = new SwingRanker(split, FourUserNeighbors());

        var ranking = ranker.Rank(split.Cases[1], 4);

        Assert.Equal([3, 5, 1, 2], ranking);
    }

    [Fact]
    public void Scores_sum_the_similarities_of_every_past_negative()
    {
        // u0 rejected i0, i1 and i2: i3 = 0.9, i5 = 0.2, i4 = 0.5.
        var split = TinyData.FourUsers();
        var ranker = new SwingRanker(split, FourUserNeighbors());

        var ranking = ranker.Rank(split.Cases[0], 3);

        Assert.Equal([3, 4, 5], ranking);
    }

    [Fact]
    public void Candidate_scores_use_popularity_only_to_break_ties()
    {
        // u1's candidates: i3 (swing 0.9), i1 and i2 (swing 0, popularity 3 and 1).
        var split = TinyData.FourUsers();
        var ranker = new SwingRanker(split, FourUserNeighbors());
        var u1 = split.Cases[1];

        var scores = ranker.Score(u1, u1.Candidates);

        Assert.Equal(0.9f, scores[0], 5);
        Assert.True(scores[1] > scores[2] && scores[2] > 0 && scores[1] < 1e-5f);
        Assert.Equal(1, Metrics.CandidateAccuracy(scores));
    }

    [Fact]
    public void A_half_life_lets_recent_negatives_outweigh_old_ones()
    {
        // i0 rejected 10 days before t0 (neighbour i2, 0.6), i1 one day before (neighbour i3, 0.5).
        var split = TinyData.Split(TinyData.Build(5,
            ("a", 0, 0, FeedbackKind.Negative), ("a", 1, 9, FeedbackKind.Negative), ("a", 4, 11, FeedbackKind.Negative)), t0Days: 10);
        var neighbors = new FixedNeighbors(5, new() { [0] = [(2, 0.6f)], [1] = [(3, 0.5f)] });
        var c = split.Cases[0];

        var plain = new SwingRanker(split, neighbors).Rank(c, 2);
        var decayed = new SwingRanker(split, neighbors, new SwingRankerOptions { HalfLifeDays = 1 }).Rank(c, 2);

        Assert.Equal([2, 3], plain);
        Assert.Equal([3, 2], decayed);
    }

    [Fact]
    public void Neighbours_for_another_catalogue_are_refused()
    {
        var split = TinyData.FourUsers();

        Assert.Throws<ArgumentException>(() => new SwingRanker(split, new FixedNeighbors(5, [])));
    }

    [Fact]
    public void A_non_positive_half_life_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(new SwingRankerOptions { HalfLifeDays = 0 }.Validate);

        Assert.Contains("baseline.swing.halfLifeDays", error.Message, StringComparison.Ordinal);
    }
}
