using System.Runtime.ExceptionServices;

namespace CoNRec.Core.Evaluation;

/// <summary>
/// Runs a fitted ranker (and optionally a candidate scorer) over every case of a split and averages the
/// metrics of <see cref="Metrics"/>. Cases run in parallel; each case's outcome is stored by case index and
/// summed in case order afterwards, so results do not depend on thread scheduling.
/// </summary>
public static class Evaluator
{
    /// <param name="progress">Fraction of cases done, reported from worker threads about every 1%, and 1 at the end.</param>
    /// <exception cref="ArgumentException">An evaluation setting is invalid (names the setting).</exception>
    /// <exception cref="InvalidOperationException">The ranker or scorer broke its contract (duplicates, excluded or unknown items, wrong score count).</exception>
    public static EvaluationResult Evaluate(EvaluationSplit split, IItemRanker ranker, ICandidateScorer? scorer, EvaluationOptions options,
        IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var longTailItem = LongTailItems(split, options.LongTailItemMaxNegatives);
        var itemCount = split.Dataset.Items.Count;
        var cases = split.Cases;
        var outcomes = new CaseOutcome[cases.Count];
        var done = 0;
        var step = Math.Max(1, cases.Count / 100);
        try
        {
            Parallel.For(0, cases.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var c = cases[i];
                var topK = ranker.Rank(c, options.K);
                CheckRanking(ranker.Name, c, topK, options.K, itemCount);
                outcomes[i] = Score(c, topK, options, longTailItem, scorer);
                var n = Interlocked.Increment(ref done);
                if (n % step == 0) progress?.Report(n / (double)cases.Count);
            });
        }
        catch (AggregateException e)
        {
            // Callers see the model's own exception; failures on other threads are usually the same bug.
            ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
        }
        progress?.Report(1);
        return Aggregate(split, ranker.Name, options.K, outcomes, scorer is not null);
    }

    /// <summary>Items with fewer than <paramref name="threshold"/> negatives in the split's history, all users together.</summary>
    public static bool[] LongTailItems(EvaluationSplit split, int threshold)
    {
        var counts = HistoryCounts.NegativeEvents(split);
        var longTail = new bool[counts.Length];
        for (var i = 0; i < counts.Length; i++) longTail[i] = counts[i] < threshold;
        return longTail;
    }

    static CaseOutcome Score(EvaluationCase c, int[] topK, EvaluationOptions options, bool[] longTailItem, ICandidateScorer? scorer)
    {
        var candidateAccuracy = double.NaN;
        if (scorer is not null && c.HasCandidates)
        {
            var scores = scorer.Score(c, c.Candidates);
            if (scores.Length != c.Candidates.Length)
                throw new InvalidOperationException($"scorer '{scorer.Name}' returned {scores.Length} scores for {c.Candidates.Length} candidates (user {c.User})");
            candidateAccuracy = Metrics.CandidateAccuracy(scores);
        }
        return new CaseOutcome(
            Metrics.HitRate(topK, c.NextNegative),
            Metrics.FutureHitRate(topK, c.FutureNegatives),
            Metrics.IsLongTailUser(c.HistoryNegativeCount, options.LongTailUserMaxNegatives),
            Metrics.LongTailItemHit(topK, c.FutureNegatives, longTailItem) ?? double.NaN,
            Metrics.Recall(topK, c.FutureNegatives),
            Metrics.Ndcg(topK, c.FutureNegatives, options.K),
            candidateAccuracy);
    }

    static void CheckRanking(string name, EvaluationCase c, int[] topK, int k, int itemCount)
    {
        if (topK.Length > k) throw new InvalidOperationException($"ranker '{name}' returned {topK.Length} items for k = {k} (user {c.User})");
        for (var i = 0; i < topK.Length; i++)
        {
            var item = topK[i];
            if ((uint)item >= (uint)itemCount)
                throw new InvalidOperationException($"ranker '{name}' returned item {item}, outside the catalogue of {itemCount} (user {c.User})");
            if (c.IsExcluded(item)) throw new InvalidOperationException($"ranker '{name}' returned excluded item {item} (user {c.User})");
            if (topK.AsSpan(0, i).Contains(item)) throw new InvalidOperationException($"ranker '{name}' returned item {item} twice (user {c.User})");
        }
    }

    static EvaluationResult Aggregate(EvaluationSplit split, string model, int k, CaseOutcome[] outcomes, bool hasScorer)
    {
        double hr = 0, fhr = 0, luf = 0, lif = 0, recall = 0, ndcg = 0, acc = 0;
        int lufUsers = 0, lifUsers = 0, accUsers = 0;
        foreach (var o in outcomes)
        {
            hr += o.Hit;
            fhr += o.FutureHit;
            recall += o.Recall;
            ndcg += o.Ndcg;
            if (o.LongTailUser) { luf += o.FutureHit; lufUsers++; }
            if (!double.IsNaN(o.LongTailItemHit)) { lif += o.LongTailItemHit; lifUsers++; }
            if (!double.IsNaN(o.CandidateAccuracy)) { acc += o.CandidateAccuracy; accUsers++; }
        }
        var n = outcomes.Length;
        return new EvaluationResult(model, k, split.Dataset.UserCount, n,
            MetricValue.FromSum(hr, n), MetricValue.FromSum(fhr, n), MetricValue.FromSum(luf, lufUsers), MetricValue.FromSum(lif, lifUsers),
            MetricValue.FromSum(recall, n), MetricValue.FromSum(ndcg, n), hasScorer ? MetricValue.FromSum(acc, accUsers) : null);
    }

    /// <summary>One case's metrics; NaN marks "not in this metric's population".</summary>
    readonly record struct CaseOutcome(double Hit, double FutureHit, bool LongTailUser, double LongTailItemHit, double Recall, double Ndcg, double CandidateAccuracy);
}
