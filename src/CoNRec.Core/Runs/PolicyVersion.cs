using System.Globalization;

namespace CoNRec.Core.Runs;

/// <summary>
/// The version of the policy weights: 0 before the first update, +1 per learner step. Rollouts carry the
/// version they sampled with so that the learner can tell how stale a group is.
/// </summary>
public readonly record struct PolicyVersion(long Value) : IComparable<PolicyVersion>
{
    public static PolicyVersion Initial => new(0);

    public PolicyVersion Next() => new(Value + 1);

    public int CompareTo(PolicyVersion other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
