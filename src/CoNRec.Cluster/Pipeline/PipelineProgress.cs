namespace CoNRec.Cluster.Pipeline;

/// <summary>Where one stage of a training run stands.</summary>
public enum StageState
{
    Running,
    Completed,

    /// <summary>An earlier attempt completed the stage and its outputs verify.</summary>
    Skipped,
    Failed,
}

/// <summary>
/// One progress report of <see cref="TrainingPipeline"/>, for a live view: the stage (a name of
/// <see cref="PipelineStages.All"/>), its state, the finished fraction in [0, 1] (never below the stage's previous
/// report) and a short detail, e.g. "step 12/48, negatives (2/3), reward/mean 0.412". Reports arrive from worker and
/// actor threads, one at a time and in order.
/// </summary>
public sealed record PipelineProgress(string Stage, StageState State, double Fraction, string Detail);
