using CoNRec.Core.Curriculum;
using CoNRec.Model.Tasks;

namespace CoNRec.Model.Grpo;

/// <summary>The prompt context a curriculum stage shows, in the task builder's terms.</summary>
public static class StageContextKinds
{
    public static ContextKind ToContextKind(this StageContext context) => context switch
    {
        StageContext.RecentNegatives => ContextKind.RecentNegatives,
        StageContext.Negatives => ContextKind.Negatives,
        StageContext.NegativesAndPositives => ContextKind.NegativesAndPositives,
        _ => throw new ArgumentOutOfRangeException(nameof(context), context, "unknown stage context"),
    };
}
