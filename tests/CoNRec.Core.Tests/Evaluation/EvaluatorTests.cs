using CoNRec.Core.Baselines;
using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Users_without_a_future_negative_in_the_window_are_not_cases()
    {
        var split = TinyData.FourUsers();

        Assert.Equal([0, 1], split.Cases.Select(c => c.User));
    }

    [Fact]
    public void Popularity_on_the_tiny_split_gives_the_hand_computed_metrics()
    {
        // K = 2. u0 (3 history negatives, i0..i2 excluded) gets [i3, i4]: next negative i4 hit at rank 1, one of
        // its two future negatives found. u1 (1 history negative, i0 excluded) gets [i1, i2] and misses i3.
        var split = TinyData.FourUsers();
        var ranker = new DislikePopularityRanker(split);

        var result = Evaluator.Evaluate(split, ranker, ranker, new EvaluationOptions(K: 2));

        var u0Ndcg = 1 / Math.Log2(3) / (1 + 1 / Math.Log2(3));
        Assert.Equal(("popularity", 2, 4, 2), (result.Model, result.K, result.UserCount, result.CaseCount));
        Assert.Equal(new MetricValue(0.5, 2), result.HitRate);
        Assert.Equal(new MetricValue(0.5, 2), result.FutureHitRate);
        Assert.Equal(new MetricValue(0.25, 2), result.Recall);
        Assert.Equal(u0Ndcg / 2, result.Ndcg.Mean, 12);
        Assert.Equal(0.1934, result.Ndcg.Mean, 4);
        Assert.Equal(new MetricValue(0, 1), result.LongTailUserHitRate);
        Assert.Equal(new MetricValue(0.5, 2), result.LongTailItemHitRate);
        // u0's candidates [i4, i3] both have popularity 0 (a tie: 1/2); u1's [i3, i1, i2] lose to i1 (0).
        Assert.Equal(new MetricValue(0.25, 2), result.CandidateAccuracy);
    }

    [Fact]
    public void Long_tail_items_are_counted_over_the_history_of_all_users()
    {
        // Negative events in the history: i0 3, i1 3, i2 1. Threshold 2: only i2..i5 are long-tail.
        var longTail = Evaluator.LongTailItems(TinyData.FourUsers(), 2);

        Assert.Equal([false, false, true, true, true, true], longTail);
    }

    [Fact]
    public void Candidate_accuracy_is_null_without_a_scorer()
    {
        var split = TinyData.FourUsers();

        var result = Evaluator.Evaluate(split, new DislikePopularityRanker(split), null, new EvaluationOptions(K: 2));

        Assert.Null(result.CandidateAccuracy);
        Assert.DoesNotContain(result.NamedMetrics(), m => m.Name == EvaluationResult.CandidateAccuracyName);
    }

    [Fact]
    public void Named_metrics_substitute_k()
    {
        var split = TinyData.FourUsers();
        var ranker = new DislikePopularityRanker(split);

        var result = Evaluator.Evaluate(split, ranker, ranker, new EvaluationOptions(K: 3));

        Assert.Equal(["HR@3", "FHR@3", "LUF@3", "LIF@3", "Recall@3", "NDCG@3", "CandAcc"], result.NamedMetrics().Select(m => m.Name));
    }

    [Fact]
    public void Progress_reaches_one()
    {
        var split = TinyData.FourUsers();
        var reports = new List<double>();

        Evaluator.Evaluate(split, new DislikePopularityRanker(split), null, new EvaluationOptions(), new SyncProgress(reports));

        Assert.Equal(1, reports[^1]);
    }

    [Fact]
    public void A_cancelled_token_stops_the_evaluation()
    {
        var split = TinyData.FourUsers();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Evaluator.Evaluate(split, new DislikePopularityRanker(split), null, new EvaluationOptions(), ct: cts.Token));
    }

    [Fact]
    public void Bad_options_are_refused_before_ranking()
    {
        var split = TinyData.FourUsers();

        var error = Assert.Throws<ArgumentException>(() =>
            Evaluator.Evaluate(split, new DislikePopularityRanker(split), null, new EvaluationOptions(K: 0)));

        Assert.Contains("eval.k", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 3, 3 }, "twice")]
    [InlineData(new[] { 0 }, "excluded item 0")]
    [InlineData(new[] { 99 }, "outside the catalogue")]
    [InlineData(new[] { 3, 4, 5 }, "returned 3 items for k = 2")]
    public void A_ranker_that_breaks_its_contract_is_reported(int[] ranking, string problem)
    {
        var split = TinyData.FourUsers();

        var error = Assert.Throws<InvalidOperationException>(() =>
            Evaluator.Evaluate(split, new FixedRanker(ranking), null, new EvaluationOptions(K: 2)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("'fixed'", error.Message, StringComparison.Ordinal);
    }

    sealed class FixedRanker(int[] ranking) : IItemRanker
    {
        public string Name => "fixed";

        public int[] Rank(EvaluationCase c, int k) => ranking;
    }

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them asynchronously).</summary>
    sealed class SyncProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
