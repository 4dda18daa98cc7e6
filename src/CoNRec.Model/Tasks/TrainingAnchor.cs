namespace CoNRec.Model.Tasks;

/// <summary>
/// A point inside a user's history to predict from: the context is the events <c>[ContextStart, ContextEnd)</c>,
/// the target the negative at event <see cref="ContextEnd"/>. <see cref="Time"/> is the last context event's
/// time, as <c>EvaluationSplit</c>'s per-user anchor; the future starts at event <see cref="ContextEnd"/>.
/// </summary>
public sealed record TrainingAnchor(int User, int ContextStart, int ContextEnd, long Time, int TargetItem);
