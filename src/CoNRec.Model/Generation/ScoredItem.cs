namespace CoNRec.Model.Generation;

/// <summary>An item and the log-probability of its SID given the prompt: the sum over its tokens of the
/// constrained, renormalised log-softmax at temperature 1 (see <see cref="SidConstraint"/>).</summary>
public readonly record struct ScoredItem(int Item, double LogProb);
