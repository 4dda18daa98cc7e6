using System.Globalization;

namespace CoNRec.Core.Evaluation;

/// <summary>A metric averaged over <see cref="Users"/> evaluated users; <see cref="Mean"/> is NaN when there are none.</summary>
public readonly record struct MetricValue(double Mean, int Users)
{
    public bool IsDefined => Users > 0;

    public static MetricValue FromSum(double sum, int users) => new(users > 0 ? sum / users : double.NaN, users);

    public override string ToString() =>
        IsDefined ? $"{Mean.ToString("0.0000", CultureInfo.InvariantCulture)} (n={Users})" : "- (n=0)";
}

/// <summary>A metric with its display name, e.g. "FHR@20".</summary>
public readonly record struct NamedMetric(string Name, MetricValue Value);

/// <summary>
/// One model's scores on one split. <see cref="CaseCount"/> users were evaluated (those with at least one future
/// negative) out of <see cref="UserCount"/>; each metric carries the number of users it averages over.
/// <see cref="CandidateAccuracy"/> is null when no candidate scorer was given.
/// </summary>
public sealed record EvaluationResult(
    string Model,
    int K,
    int UserCount,
    int CaseCount,
    MetricValue HitRate,
    MetricValue FutureHitRate,
    MetricValue LongTailUserHitRate,
    MetricValue LongTailItemHitRate,
    MetricValue Recall,
    MetricValue Ndcg,
    MetricValue? CandidateAccuracy)
{
    public const string CandidateAccuracyName = "CandAcc";

    /// <summary>Model-specific metrics beyond the standard ones (e.g. "AlignAcc" for a generative model).</summary>
    public IReadOnlyList<NamedMetric> Extra { get; init; } = [];

    /// <summary>Metric display names for a K, in table order: HR@K, FHR@K, LUF@K, LIF@K, Recall@K, NDCG@K.</summary>
    public static string[] RankingMetricNames(int k) => RankingMetricNames(k.ToString(CultureInfo.InvariantCulture));

    /// <summary>The same names with any label after the '@' (e.g. "K" for a table that mixes several K).</summary>
    public static string[] RankingMetricNames(string k) =>
        [$"HR@{k}", $"FHR@{k}", $"LUF@{k}", $"LIF@{k}", $"Recall@{k}", $"NDCG@{k}"];

    /// <summary>The metrics with their names, in table order; candidate accuracy last when present.</summary>
    public IReadOnlyList<NamedMetric> NamedMetrics()
    {
        var names = RankingMetricNames(K);
        List<NamedMetric> list =
        [
            new(names[0], HitRate), new(names[1], FutureHitRate), new(names[2], LongTailUserHitRate),
            new(names[3], LongTailItemHitRate), new(names[4], Recall), new(names[5], Ndcg),
        ];
        if (CandidateAccuracy is { } acc) list.Add(new(CandidateAccuracyName, acc));
        list.AddRange(Extra);
        return list;
    }
}
