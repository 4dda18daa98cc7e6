namespace CoNRec.Core.Evaluation;

/// <summary>
/// One user to evaluate: the history is the user's events <c>[HistoryStart, HistoryEnd)</c> of the dataset's
/// event table; the targets are what the user rejected or liked in (Anchor, Anchor + W].
/// </summary>
public sealed record EvaluationCase(
    int User,
    long Anchor,
    int HistoryStart,
    int HistoryEnd,
    int NextNegative,
    int[] FutureNegatives,
    int[] FuturePositives,
    int[] ExcludedItems,
    int HistoryNegativeCount,
    int[] Candidates)
{
    /// <summary>Candidate accuracy's true negative is <see cref="NextNegative"/>, at index 0 of <see cref="Candidates"/>.</summary>
    public bool HasCandidates => Candidates.Length > 1;

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"User = {User}, Anchor = {Anchor}, History = [{HistoryStart}, {HistoryEnd}), NextNegative = {NextNegative}, ");
        builder.Append($"FutureNegatives = {FutureNegatives.Length}, FuturePositives = {FuturePositives.Length}, Excluded = {ExcludedItems.Length}, Candidates = {Candidates.Length}");
        return true;
    }
}
