using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Optimization;
using CoNRec.Core.Randomness;

namespace CoNRec.Cluster.Benchmarks;

/// <summary>
/// The plan both paths follow: one stage whose budget is exactly <c>steps</c> steps, a constant learning rate, no
/// checkpoint before the last step. The direct path repeats the coordinator's choices from it: the anchors of step
/// s group g are the stage's sampler from position ((s - 1) x groups + g) x anchorsPerGroup, sampled with seed
/// <see cref="SampleSeed"/>.
/// </summary>
public static class BenchmarkPlan
{
    public const double Beta = 0.04;
    /// <summary>AdamW's weight decay on both paths (the learner role's default).</summary>
    public const double WeightDecay = 0;

    public static CoordinatorPlan For(OrchestrationBenchmarkOptions options, string runId, int steps)
    {
        ArgumentNullException.ThrowIfNull(options);
        var samplesPerStep = options.Groups * options.AnchorsPerGroup;
        return new CoordinatorPlan(
            runId,
            new CurriculumOptions { Stages = [new CurriculumStage(0, "grpo-1", StageContext.Negatives, steps * samplesPerStep, Beta)] },
            new LearningRateSchedule(options.LearningRate, 0, steps, MinRatio: 1),
            options.Groups, options.AnchorsPerGroup, options.GroupSize, Seed: options.Seed, LeaseTimeoutMs: 600_000, CheckpointEvery: steps + 1);
    }

    /// <summary>The coordinator's sampling seed of a group (see its lease decision).</summary>
    public static long SampleSeed(CoordinatorPlan plan, long step, int group) => StableSeed.Mix((int)plan.Seed, (int)step, group);
}
