namespace CoNRec.Core.Data;

/// <summary>
/// Every event of a dataset in columns, sorted by (user, time, item): user u's timeline is the index range
/// <c>[UserStart[u], UserStart[u + 1])</c>. Columnar so a million events load as five array reads.
/// </summary>
public sealed class EventTable
{
    internal readonly int[] UserColumn;
    internal readonly int[] ItemColumn;
    internal readonly long[] TimeColumn;
    internal readonly FeedbackKind[] KindColumn;
    internal readonly NegativeReason[] ReasonColumn;
    internal readonly int[] UserStartColumn;

    internal EventTable(int[] user, int[] item, long[] time, FeedbackKind[] kind, NegativeReason[] reason, int userCount)
    {
        UserColumn = user;
        ItemColumn = item;
        TimeColumn = time;
        KindColumn = kind;
        ReasonColumn = reason;
        UserStartColumn = new int[userCount + 1];
        foreach (var u in user) UserStartColumn[u + 1]++;
        for (var u = 0; u < userCount; u++) UserStartColumn[u + 1] += UserStartColumn[u];
    }

    public int Count => UserColumn.Length;
    public int UserCount => UserStartColumn.Length - 1;
    public ReadOnlySpan<int> Users => UserColumn;
    public ReadOnlySpan<int> Items => ItemColumn;
    public ReadOnlySpan<long> Times => TimeColumn;
    public ReadOnlySpan<FeedbackKind> Kinds => KindColumn;
    public ReadOnlySpan<NegativeReason> Reasons => ReasonColumn;

    /// <summary>(UserCount + 1) offsets: user u's events are <c>[UserStart[u], UserStart[u + 1])</c>.</summary>
    public ReadOnlySpan<int> UserStart => UserStartColumn;

    public BehaviorEvent this[int index] =>
        new(UserColumn[index], ItemColumn[index], TimeColumn[index], KindColumn[index], ReasonColumn[index]);

    public (int Start, int End) RangeOf(int user) => (UserStartColumn[user], UserStartColumn[user + 1]);

    public long MinTime => Count == 0 ? 0 : TimeColumn.Min();
    public long MaxTime => Count == 0 ? 0 : TimeColumn.Max();

    /// <summary>Builds a table from events in any order; sorts them by (user, time, item, kind).</summary>
    public static EventTable FromEvents(IReadOnlyList<BehaviorEvent> events, int userCount)
    {
        var order = new int[events.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var x = events[a];
            var y = events[b];
            var c = x.User.CompareTo(y.User);
            if (c == 0) c = x.Time.CompareTo(y.Time);
            if (c == 0) c = x.Item.CompareTo(y.Item);
            if (c == 0) c = x.Kind.CompareTo(y.Kind);
            return c == 0 ? a.CompareTo(b) : c;
        });
        var n = events.Count;
        var user = new int[n];
        var item = new int[n];
        var time = new long[n];
        var kind = new FeedbackKind[n];
        var reason = new NegativeReason[n];
        for (var i = 0; i < n; i++)
        {
            var e = events[order[i]];
            if ((uint)e.User >= (uint)userCount) throw new ArgumentException($"event {order[i]} names user {e.User}, outside 0..{userCount - 1}");
            (user[i], item[i], time[i], kind[i], reason[i]) = (e.User, e.Item, e.Time, e.Kind, e.Reason);
        }
        return new EventTable(user, item, time, kind, reason, userCount);
    }

    /// <summary>Wraps columns that are already sorted by (user, time); used by the file reader.</summary>
    internal static EventTable FromSortedColumns(int[] user, int[] item, long[] time, FeedbackKind[] kind, NegativeReason[] reason, int userCount) =>
        new(user, item, time, kind, reason, userCount);
}
