namespace CoNRec.Core.Grpo;

/// <summary>How a group's rewards become per-sample advantages (method.md, step 3).</summary>
public enum AdvantageEstimator
{
    /// <summary>GRPO (DeepSeekMath): A_i = (r_i - mean(r)) / (std(r) + eps).</summary>
    GroupNormalized = 0,

    /// <summary>Dr. GRPO: A_i = r_i - mean(r), no division by the group's std (which up-weights easy and hard prompts).</summary>
    GroupMeanOnly = 1,
}
