namespace CoNRec.Model.Tasks;

/// <summary>
/// One supervised sequence: the prompt (ending with &lt;answer&gt;) then the answer (ending with &lt;eos&gt;).
/// The loss applies to positions &gt;= <see cref="PromptLength"/> only.
/// </summary>
public sealed record TrainingExample(int[] InputIds, int PromptLength)
{
    public int Length => InputIds.Length;
    public ReadOnlySpan<int> Prompt => InputIds.AsSpan(0, PromptLength);
    public ReadOnlySpan<int> Answer => InputIds.AsSpan(PromptLength);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Length = {InputIds.Length}, PromptLength = {PromptLength}");
        return true;
    }
}

/// <summary>
/// A prompt for generation (ends with &lt;answer&gt;). <see cref="ContextItems"/> counts the behaviour items it
/// shows, so that a caller can skip an empty context (e.g. no negative in the last days).
/// </summary>
public sealed record Prompt(int[] InputIds, int ContextItems = 0)
{
    public int Length => InputIds.Length;

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Length = {InputIds.Length}, ContextItems = {ContextItems}");
        return true;
    }
}
