namespace CoNRec.Core.Evaluation;

public static class EvaluationCaseExtensions
{
    /// <summary>True when a ranker must not return <paramref name="item"/> for this case (binary search: the list is sorted).</summary>
    public static bool IsExcluded(this EvaluationCase c, int item) => Array.BinarySearch(c.ExcludedItems, item) >= 0;
}
