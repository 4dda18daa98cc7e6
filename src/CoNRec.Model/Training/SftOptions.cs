using CoNRec.Core.Optimization;

namespace CoNRec.Model.Training;

/// <summary>Supervised fine-tuning settings (AdamW, warm-up + cosine, clipping, checkpoints).</summary>
public sealed record SftOptions
{
    public int Steps { get; init; } = 1500;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 2e-3;
    public int WarmupSteps { get; init; } = 50;
    public double MinLearningRateRatio { get; init; } = 0.1;
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Global gradient-norm clip; 0 turns clipping off.</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Write a checkpoint every this many steps (and at the end); 0: only at the end.</summary>
    public int CheckpointEvery { get; init; } = 250;

    /// <summary>Checkpoints kept on disk (the newest); older ones are deleted after a newer one is written.</summary>
    public int KeepCheckpoints { get; init; } = 2;

    public int LogEvery { get; init; } = 25;
    public int Seed { get; init; } = 1;

    public LearningRateSchedule Schedule => new(LearningRate, WarmupSteps, Steps, MinLearningRateRatio);

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"sft.batchSize must be >= 1 (got {BatchSize})");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"sft.weightDecay must be >= 0 (got {WeightDecay})");
        if (!(GradientClip >= 0)) throw new ArgumentException($"sft.gradientClip must be >= 0 (got {GradientClip})");
        if (CheckpointEvery < 0) throw new ArgumentException($"sft.checkpointEvery must be >= 0 (got {CheckpointEvery})");
        if (KeepCheckpoints < 1) throw new ArgumentException($"sft.keepCheckpoints must be >= 1 (got {KeepCheckpoints})");
        if (LogEvery < 1) throw new ArgumentException($"sft.logEvery must be >= 1 (got {LogEvery})");
        Schedule.Validate("sft");
    }
}
