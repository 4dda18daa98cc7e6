namespace CoNRec.Core.Evaluation;

/// <summary>
/// A model under evaluation, fitted beforehand on an <see cref="EvaluationSplit"/>'s history only (never on
/// its targets). <see cref="Rank"/> is called concurrently for different cases, so it must be thread-safe.
/// </summary>
public interface IItemRanker
{
    /// <summary>Short stable name, used as the row label of result tables and in result files.</summary>
    string Name { get; }

    /// <summary>
    /// Up to <paramref name="k"/> distinct item indices, best first, none of them in
    /// <see cref="EvaluationCase.ExcludedItems"/> (see <see cref="EvaluationCaseExtensions.IsExcluded"/>).
    /// </summary>
    int[] Rank(EvaluationCase c, int k);
}
