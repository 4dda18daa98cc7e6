namespace CoNRec.Core.Data;

/// <summary>One row of a behaviour log, with dense user and item indices and Unix seconds.</summary>
public readonly record struct BehaviorEvent(int User, int Item, long Time, FeedbackKind Kind, NegativeReason Reason = NegativeReason.None);
