using CoNRec.Core.Protocol;

namespace CoNRec.Core.Coordination;

/// <summary>What the coordinator actor must do after a decision; the state machine itself does no I/O.</summary>
public abstract record CoordinatorEffect;

/// <summary>Answer a worker (a lease, or <see cref="NoWork"/>).</summary>
public sealed record ReplyToWorker(string WorkerId, IConrecMessage Message) : CoordinatorEffect;

/// <summary>Send to the learner role.</summary>
public sealed record SendToLearner(IConrecMessage Message) : CoordinatorEffect;

/// <summary>Record a completed step in the run store (idempotent on (run, step)).</summary>
public sealed record RecordStep(long Step, int StageIndex, long PolicyVersion, int Samples, IReadOnlyDictionary<string, double> Metrics) : CoordinatorEffect;

/// <summary>A curriculum stage starts or completes: mark it in the run store.</summary>
public sealed record StageTransition(int StageIndex, bool Started) : CoordinatorEffect;

/// <summary>
/// Commit a sealed checkpoint in ONE store transaction with the run's cursor: the step, the stage, and the
/// curriculum and sampler state that let a new coordinator continue exactly here.
/// </summary>
public sealed record CommitCheckpoint(long Step, int StageIndex, long PolicyVersion, ArtifactRef Checkpoint, string SamplerState) : CoordinatorEffect;

/// <summary>Every stage's budget is spent and the last checkpoint is committed.</summary>
public sealed record RunCompleted(long Steps) : CoordinatorEffect;

/// <summary>Something worth a log line (a stale result dropped, a lease re-issued).</summary>
public sealed record Note(string Level, string Text) : CoordinatorEffect;
