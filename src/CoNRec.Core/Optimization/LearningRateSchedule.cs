namespace CoNRec.Core.Optimization;

/// <summary>Linear warm-up from 0 to the peak over <c>warmupSteps</c>, then cosine decay to <c>minRatio</c> x peak at <c>totalSteps</c>.</summary>
public sealed record LearningRateSchedule(double PeakLearningRate, int WarmupSteps, int TotalSteps, double MinRatio = 0.1)
{
    /// <param name="prefix">The settings' section, for messages ("sft" gives "sft.learningRate").</param>
    public void Validate(string prefix = "train")
    {
        if (!(PeakLearningRate > 0)) throw new ArgumentException($"{prefix}.learningRate must be > 0 (got {PeakLearningRate})");
        if (WarmupSteps < 0) throw new ArgumentException($"{prefix}.warmupSteps must be >= 0 (got {WarmupSteps})");
        if (TotalSteps < 1) throw new ArgumentException($"{prefix}.steps must be >= 1 (got {TotalSteps})");
        if (!(MinRatio >= 0 && MinRatio <= 1)) throw new ArgumentException($"{prefix}.minLearningRateRatio must be in [0, 1] (got {MinRatio})");
    }

    /// <summary>The rate for the 1-based step about to be taken.</summary>
    public double At(long step)
    {
        if (WarmupSteps > 0 && step <= WarmupSteps) return PeakLearningRate * step / WarmupSteps;
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((step - WarmupSteps) / (double)decaySteps, 0, 1);
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return PeakLearningRate * (MinRatio + (1 - MinRatio) * cosine);
    }
}
