namespace CoNRec.Model.Tasks;

/// <summary>What behaviour a next-negative prompt shows (method.md: the LC-Rec rows and progressive GRPO's stages).</summary>
public enum ContextKind
{
    /// <summary>GRPO stage 1: the negatives of the last <see cref="TaskOptions.RecentDays"/> days before the anchor.</summary>
    RecentNegatives,

    /// <summary>GRPO stage 2 and the "negatives only" SFT row: the whole negative sequence.</summary>
    Negatives,

    /// <summary>GRPO stage 3 and the "negatives + positives" SFT row: the negative sequence, then the positive sequence.</summary>
    NegativesAndPositives,
}

public static class ContextKinds
{
    /// <summary>The context of progressive GRPO stage 1, 2 or 3.</summary>
    public static ContextKind ForStage(int stage) => stage switch
    {
        1 => ContextKind.RecentNegatives,
        2 => ContextKind.Negatives,
        3 => ContextKind.NegativesAndPositives,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "progressive GRPO has stages 1, 2 and 3"),
    };
}
