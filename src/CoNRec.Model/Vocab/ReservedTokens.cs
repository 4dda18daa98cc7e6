namespace CoNRec.Model.Vocab;

/// <summary>
/// The tokens every CoNRec vocabulary holds besides SIDs and title tokens: specials, task markers, context
/// markers and the 4-way choice markers of item-level alignment. <see cref="All"/> is their id order.
/// </summary>
public static class ReservedTokens
{
    public const string Pad = "<pad>";
    public const string Bos = "<bos>";
    public const string Eos = "<eos>";
    public const string Unk = "<unk>";
    public const string Sep = "<sep>";

    public const string TaskSidToTitle = "<task_sid2title>";
    public const string TaskTitleToSid = "<task_title2sid>";
    public const string TaskAlign = "<task_align>";
    public const string TaskNextNegative = "<task_next_neg>";

    /// <summary>Opens the negative-feedback sequence of a prompt.</summary>
    public const string ContextNegatives = "<ctx_neg>";
    /// <summary>Opens the positive-feedback sequence of a prompt.</summary>
    public const string ContextPositives = "<ctx_pos>";
    /// <summary>Opens the recent-negatives sequence (progressive GRPO stage 1).</summary>
    public const string ContextRecentNegatives = "<ctx_recent_neg>";
    /// <summary>Ends every prompt: generation and the loss start after it.</summary>
    public const string Answer = "<answer>";
    /// <summary>Reserved for a day boundary inside a sequence; no task format writes it yet.</summary>
    public const string Day = "<day>";

    /// <summary>Candidates in an item-level alignment prompt.</summary>
    public const int ChoiceCount = 4;

    /// <summary>The marker of the k-th candidate, k in 1..<see cref="ChoiceCount"/>.</summary>
    public static string Choice(int k)
    {
        if (k is < 1 or > ChoiceCount) throw new ArgumentOutOfRangeException(nameof(k), k, $"choices are 1..{ChoiceCount}");
        return $"<choice_{k}>";
    }

    public static IReadOnlyList<string> Specials { get; } = [Pad, Bos, Eos, Unk, Sep];

    public static IReadOnlyList<string> All { get; } =
    [
        .. Specials,
        TaskSidToTitle, TaskTitleToSid, TaskAlign, TaskNextNegative,
        ContextNegatives, ContextPositives, ContextRecentNegatives, Answer,
        Choice(1), Choice(2), Choice(3), Choice(4), Day,
    ];
}
