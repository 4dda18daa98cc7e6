using System.Collections;
using System.Collections.Immutable;

namespace CoNRec.Core.Coordination;

/// <summary>
/// The current step's groups (group g at index g), immutable, indexed so that each message costs O(log groups) rather
/// than O(groups): the groups waiting for a rollout lease and for a scoring lease are kept as sorted sets (the lowest
/// group is leased first, as a scan would pick it), and the scored groups are counted. A flat array would cost a copy
/// and a scan per message: quadratic in a step of thousands of groups, and more so with idle workers asking.
/// </summary>
public sealed class GroupBoard : IReadOnlyList<GroupWork>
{
    readonly ImmutableList<GroupWork> _groups;
    readonly ImmutableSortedSet<int> _pending;
    readonly ImmutableSortedSet<int> _rolled;

    GroupBoard(ImmutableList<GroupWork> groups, ImmutableSortedSet<int> pending, ImmutableSortedSet<int> rolled, int scored) =>
        (_groups, _pending, _rolled, Scored) = (groups, pending, rolled, scored);

    public static GroupBoard Empty { get; } = new([], [], [], 0);

    /// <summary>A board of these groups; group g must be the g-th.</summary>
    public static GroupBoard Of(IEnumerable<GroupWork> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        // Built whole (a step's thousands of groups, once per step), not by one insertion per group.
        var list = ImmutableList.CreateRange(groups);
        var index = 0;
        foreach (var group in list)
            if (group.Group != index++) throw new ArgumentException($"group {group.Group} is at index {index - 1}", nameof(groups));
        return new GroupBoard(list, Waiting(list, GroupStatus.Pending), Waiting(list, GroupStatus.Rolled), list.Count(g => g.Status == GroupStatus.Scored));
    }

    public int Count => _groups.Count;

    public GroupWork this[int index] => _groups[index];

    /// <summary>Groups whose scores are in.</summary>
    public int Scored { get; }

    public bool AllScored => Scored == Count;

    /// <summary>The lowest group waiting in <paramref name="status"/> (Pending: for a rollout lease; Rolled: for a scoring lease), or -1.</summary>
    public int FirstWaiting(GroupStatus status)
    {
        var waiting = WaitingIn(status);
        return waiting.Count == 0 ? -1 : waiting.Min;
    }

    /// <summary>How many groups wait in <paramref name="status"/> (Pending or Rolled), without a scan: what idle workers could take now.</summary>
    public int CountWaiting(GroupStatus status) => WaitingIn(status).Count;

    /// <summary>The board with <paramref name="group"/> in place of the group of the same number.</summary>
    public GroupBoard With(GroupWork group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if ((uint)group.Group >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(group), group.Group, $"the step has {Count} groups");
        var old = _groups[group.Group];
        return new GroupBoard(_groups.SetItem(group.Group, group),
            Move(_pending, group.Group, old.Status, group.Status, GroupStatus.Pending),
            Move(_rolled, group.Group, old.Status, group.Status, GroupStatus.Rolled),
            Scored + (group.Status == GroupStatus.Scored ? 1 : 0) - (old.Status == GroupStatus.Scored ? 1 : 0));
    }

    public IEnumerator<GroupWork> GetEnumerator() => _groups.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    ImmutableSortedSet<int> WaitingIn(GroupStatus status) => status switch
    {
        GroupStatus.Pending => _pending,
        GroupStatus.Rolled => _rolled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "only Pending and Rolled groups wait for a lease"),
    };

    static ImmutableSortedSet<int> Waiting(ImmutableList<GroupWork> groups, GroupStatus status) =>
        [.. groups.Where(g => g.Status == status).Select(g => g.Group)];

    static ImmutableSortedSet<int> Move(ImmutableSortedSet<int> set, int group, GroupStatus from, GroupStatus to, GroupStatus kept) =>
        (from == kept, to == kept) switch
        {
            (true, false) => set.Remove(group),
            (false, true) => set.Add(group),
            _ => set,
        };
}
