using CoNRec.Core.Curriculum;
using CoNRec.Core.Synthetic;

namespace CoNRec.Cluster.Configuration;

public sealed partial record RunConfig
{
    /// <summary>GRPO samples per stage in <see cref="Demo"/>.</summary>
    public const int DemoStageBudget = 512;

    /// <summary>
    /// <c>conrec train --demo</c>: the default synthetic world (2,500 users, 1,500 items, 60 days), the small policy,
    /// the embedded store, sized for about 10-15 minutes on 2 CPU cores. The arithmetic, from measured costs:
    /// world ~5 s; semantic IDs (300 epochs over 1,500 items) ~10 s; alignment SFT and warm-up SFT, 1,500 steps of 32
    /// each, ~100 s each; GRPO 3 stages x 512 samples / (4 groups x 8 prompts) = 48 steps of 32 prompts x G = 8
    /// completions at 1-2 s a step, ~1.5 min with the flagging passes between stages; evaluation (beam search top-20
    /// and candidate scoring per test user, alignment accuracy before and after GRPO) the rest.
    /// </summary>
    public static RunConfig Demo() => new()
    {
        Name = "demo",
        Data = new DataSection { Synthetic = new SyntheticWorldOptions() },
        Curriculum = new CurriculumOptions().WithSampleBudget(DemoStageBudget),
        Grpo = new GrpoSection { CheckpointEvery = 8 },
        Retention = new() { KeepLast = 3, MetricName = "FHR@20" },
    };
}
