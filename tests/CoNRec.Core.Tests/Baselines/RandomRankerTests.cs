using CoNRec.Core.Baselines;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Tests.Evaluation;

namespace CoNRec.Core.Tests.Baselines;

public sealed class RandomRankerTests
{
    static readonly EvaluationSplit Split = TinyData.Split(
        TinyData.Build(200, ("a", 0, 1, FeedbackKind.Negative), ("a", 1, 9, FeedbackKind.Negative)), t0Days: 2);

    [Fact]
    public void The_same_seed_gives_the_same_ranking_and_scores()
    {
        var c = TinyData.Case(1, [1], excluded: [0, 5, 7], user: 3);

        Assert.Equal(new RandomRanker(Split, 42).Rank(c, 20), new RandomRanker(Split, 42).Rank(c, 20));
        Assert.Equal(new RandomRanker(Split, 42).Score(c, [1, 2, 3]), new RandomRanker(Split, 42).Score(c, [1, 2, 3]));
    }

    [Fact]
    public void Different_seeds_and_users_give_different_rankings()
    {
        var c = TinyData.Case(1, [1], user: 3);

        Assert.NotEqual(new RandomRanker(Split, 42).Rank(c, 20), new RandomRanker(Split, 43).Rank(c, 20));
        Assert.NotEqual(new RandomRanker(Split, 42).Rank(c, 20), new RandomRanker(Split, 42).Rank(c with { User = 4 }, 20));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(150)]
    public void Rankings_hold_distinct_items_that_are_not_excluded(int k)
    {
        int[] excluded = [0, 5, 7, 100];
        var c = TinyData.Case(1, [1], excluded: excluded);

        var ranking = new RandomRanker(Split, 1).Rank(c, k);

        Assert.Equal(k, ranking.Length);
        Assert.Equal(k, ranking.Distinct().Count());
        Assert.All(ranking, item => Assert.True(item is >= 0 and < 200 && !excluded.Contains(item)));
    }

    [Fact]
    public void Asking_for_more_than_the_catalogue_returns_every_available_item()
    {
        var c = TinyData.Case(1, [1], excluded: [3]);

        var ranking = new RandomRanker(Split, 1).Rank(c, 500);

        Assert.Equal(Enumerable.Range(0, 200).Where(i => i != 3), ranking.Order());
    }
}
