namespace CoNRec.Core.Curriculum;

/// <summary>What happened when a <see cref="CurriculumState"/> advanced: effects for the trainer to carry out.</summary>
public abstract record CurriculumEvent;

/// <summary>Stage <paramref name="Stage"/> has spent its budget (e.g. flag samples for up-weighting, checkpoint).</summary>
public sealed record StageCompleted(int Stage) : CurriculumEvent;

/// <summary>Stage <paramref name="Stage"/> begins: switch the prompt context and beta.</summary>
public sealed record StageStarted(int Stage) : CurriculumEvent;

/// <summary>The last stage has spent its budget: GRPO is done.</summary>
public sealed record CurriculumFinished : CurriculumEvent;

/// <summary>The state after an advance and the events it raised, in order.</summary>
public sealed record CurriculumStep(CurriculumState State, IReadOnlyList<CurriculumEvent> Events);
