using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void Hit_rate_is_one_only_when_the_next_negative_is_in_the_top_k()
    {
        Assert.Equal(1, Metrics.HitRate([5, 7, 9], 9));
        Assert.Equal(0, Metrics.HitRate([5, 7, 9], 4));
        Assert.Equal(0, Metrics.HitRate([], 4));
    }

    [Fact]
    public void Future_hit_rate_counts_any_future_negative()
    {
        Assert.Equal(1, Metrics.FutureHitRate([5, 7, 9], [1, 2, 7]));
        Assert.Equal(0, Metrics.FutureHitRate([5, 7, 9], [1, 2, 3]));
    }

    [Fact]
    public void Recall_is_the_share_of_future_negatives_in_the_top_k()
    {
        Assert.Equal(2 / 3.0, Metrics.Recall([5, 7, 9, 1], [1, 2, 7]), 12);
        Assert.Equal(0, Metrics.Recall([5], [1, 2]));
        Assert.Equal(0, Metrics.Recall([5], []));
    }

    [Fact]
    public void Ndcg_matches_the_hand_computed_value()
    {
        // Hits at ranks 1 and 3 (zero-based), 3 future negatives, K = 4: ideal = three hits at ranks 0..2.
        var dcg = 1 / Math.Log2(3) + 1 / Math.Log2(5);
        var idcg = 1 + 1 / Math.Log2(3) + 1 / Math.Log2(4);

        var ndcg = Metrics.Ndcg([9, 1, 8, 2], [1, 2, 3], k: 4);

        Assert.Equal(dcg / idcg, ndcg, 12);
    }

    [Fact]
    public void Ndcg_ideal_is_capped_at_k_hits()
    {
        // 5 future negatives, K = 2, both slots hit: perfect score.
        Assert.Equal(1, Metrics.Ndcg([3, 1], [1, 2, 3, 4, 5], k: 2), 12);
        Assert.Equal(1 / Math.Log2(3) / (1 + 1 / Math.Log2(3)), Metrics.Ndcg([7, 1], [1, 2, 3, 4, 5], k: 2), 12);
    }

    [Fact]
    public void Ndcg_ignores_items_ranked_beyond_k()
    {
        Assert.Equal(0, Metrics.Ndcg([7, 8, 1], [1], k: 2));
    }

    [Fact]
    public void Long_tail_user_means_strictly_fewer_negatives_than_the_threshold()
    {
        Assert.True(Metrics.IsLongTailUser(2, 3));
        Assert.False(Metrics.IsLongTailUser(3, 3));
    }

    [Fact]
    public void Long_tail_item_hit_only_counts_long_tail_future_negatives()
    {
        bool[] longTail = [false, true, true, false];

        Assert.Null(Metrics.LongTailItemHit([0, 3], [0, 3], longTail));
        Assert.Equal(0.0, Metrics.LongTailItemHit([0], [0, 1], longTail));
        Assert.Equal(1.0, Metrics.LongTailItemHit([2], [0, 2], longTail));
    }

    [Fact]
    public void Candidate_accuracy_is_one_when_the_true_negative_scores_highest()
    {
        Assert.Equal(1, Metrics.CandidateAccuracy([0.9f, 0.1f, 0.5f]));
        Assert.Equal(0, Metrics.CandidateAccuracy([0.4f, 0.1f, 0.5f]));
    }

    [Fact]
    public void Candidate_accuracy_shares_credit_between_tied_maxima()
    {
        Assert.Equal(1 / 3.0, Metrics.CandidateAccuracy([0.5f, 0.5f, 0.1f, 0.5f]), 12);
        Assert.Equal(1 / 4.0, Metrics.CandidateAccuracy([0f, 0f, 0f, 0f]), 12);
        Assert.Equal(0, Metrics.CandidateAccuracy([0.5f, 0.5f, 0.7f]));
    }

    [Fact]
    public void Candidate_accuracy_never_credits_a_nan_true_score()
    {
        Assert.Equal(0, Metrics.CandidateAccuracy([float.NaN, 0.1f]));
        Assert.Equal(1, Metrics.CandidateAccuracy([0.2f, float.NaN]));
    }
}
