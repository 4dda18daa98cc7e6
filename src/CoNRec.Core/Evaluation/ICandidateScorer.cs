namespace CoNRec.Core.Evaluation;

/// <summary>
/// Scores a fixed candidate list for candidate accuracy: one score per candidate, higher meaning more likely
/// to be rejected. Called concurrently for different cases, so it must be thread-safe.
/// </summary>
public interface ICandidateScorer
{
    string Name { get; }

    /// <summary>Returns exactly <c>candidates.Length</c> scores, in the candidates' order.</summary>
    float[] Score(EvaluationCase c, ReadOnlySpan<int> candidates);
}
