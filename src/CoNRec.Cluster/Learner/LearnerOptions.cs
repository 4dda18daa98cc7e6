using CoNRec.Core.Grpo;

namespace CoNRec.Cluster.Learner;

/// <summary>The learner's settings. Beta and the learning rate come with each step (the stage's and the schedule's).</summary>
/// <param name="RunFolder">Where the data plane lives: <c>policies/v{N}.safetensors</c> and <c>checkpoints/step-N</c>.</param>
/// <param name="Grpo">Clip range, epochs, minibatches, gradient clip; Temperature must be the plan's sampling temperature.</param>
/// <param name="Device">"cpu", "cuda" or "cuda:N".</param>
/// <param name="Seed">Recorded in checkpoints.</param>
/// <param name="Resume">The run's latest committed checkpoint, to continue from; null: start from the warm-up weights.</param>
public sealed record LearnerOptions(string RunFolder, GrpoOptions Grpo, string Device = "cpu", double WeightDecay = 0, int Seed = 1, LearnerResume? Resume = null)
{
    public const string CheckpointsFolder = "checkpoints";

    public string CheckpointRoot => Path.Combine(RunFolder, CheckpointsFolder);

    public LearnerOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(RunFolder)) throw new ArgumentException("learner.runFolder must be set");
        ArgumentNullException.ThrowIfNull(Grpo);
        Grpo.Validate();
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentException($"learner.weightDecay must be a finite number >= 0 (got {WeightDecay})");
        return this;
    }
}

/// <summary>Where a resumed learner starts: the committed checkpoint of <paramref name="Step"/> and its policy version.</summary>
public sealed record LearnerResume(long Step, long PolicyVersion);
