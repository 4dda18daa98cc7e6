namespace CoNRec.Model.Tasks;

/// <summary>
/// One item-level alignment question: four candidate items, exactly one of them rejected by the user
/// (at <see cref="RejectedIndex"/>, 0-based; its marker is &lt;choice_{RejectedIndex + 1}&gt;), three of them liked.
/// </summary>
public sealed record AlignmentSample(int User, int[] Candidates, int RejectedIndex, TrainingExample Example)
{
    public int RejectedItem => Candidates[RejectedIndex];

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"User = {User}, Candidates = [{string.Join(", ", Candidates)}], RejectedIndex = {RejectedIndex}");
        return true;
    }
}
