namespace CoNRec.Core.Curriculum;

/// <summary>What a GRPO stage's prompt shows of the user's history (method.md step 3).</summary>
public enum StageContext
{
    /// <summary>Stage 1: the negatives of the last <see cref="CurriculumStage.RecentDays"/> days before the anchor.</summary>
    RecentNegatives = 0,

    /// <summary>Stage 2: the whole negative-feedback sequence.</summary>
    Negatives = 1,

    /// <summary>Stage 3: the negative sequence, then the positive sequence.</summary>
    NegativesAndPositives = 2,
}
