using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Baselines;

/// <summary>
/// Recommends the items most users rejected in the history, the same list for everybody (minus each user's
/// excluded items). Candidate score: the number of users who rejected the candidate.
/// </summary>
public sealed class DislikePopularityRanker(EvaluationSplit split) : IItemRanker, ICandidateScorer
{
    readonly DislikePopularity _popularity = DislikePopularity.Fit(split);

    public string Name => "popularity";

    public DislikePopularity Popularity => _popularity;

    public int[] Rank(EvaluationCase c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ranked = new List<int>(k);
        _popularity.FillUpTo(ranked, c, k);
        return [.. ranked];
    }

    public float[] Score(EvaluationCase c, ReadOnlySpan<int> candidates)
    {
        var scores = new float[candidates.Length];
        var counts = _popularity.Counts;
        for (var i = 0; i < scores.Length; i++) scores[i] = counts[candidates[i]];
        return scores;
    }
}
