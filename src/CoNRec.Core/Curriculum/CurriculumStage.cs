namespace CoNRec.Core.Curriculum;

/// <summary>
/// One stage of progressive GRPO: the prompt's context, how many training samples (prompts) it consumes and
/// the KL weight beta against the frozen warm-up model. <see cref="RecentDays"/> matters only for
/// <see cref="StageContext.RecentNegatives"/>.
/// </summary>
public sealed record CurriculumStage(int Index, string Name, StageContext Context, int SampleBudget, double Beta, double RecentDays = 3);
