using CoNRec.Core.Data;

namespace CoNRec.Core.Swing;

/// <summary>
/// Who rejected what: a de-duplicated user x item incidence of negative feedback, stored as CSR both ways
/// (the ascending items of each user, the ascending users of each item).
/// </summary>
public sealed class SwingInput
{
    readonly int[] _userStart; // (UserCount + 1)
    readonly int[] _userItems; // (PairCount) items of each user, ascending
    readonly int[] _itemStart; // (ItemCount + 1)
    readonly int[] _itemUsers; // (PairCount) users of each item, ascending

    SwingInput(int itemCount, int[] userStart, int[] userItems)
    {
        _userStart = userStart;
        _userItems = userItems;
        _itemStart = new int[itemCount + 1];
        foreach (var item in userItems) _itemStart[item + 1]++;
        for (var i = 0; i < itemCount; i++) _itemStart[i + 1] += _itemStart[i];
        _itemUsers = new int[userItems.Length];
        var fill = _itemStart[..^1];
        for (var u = 0; u < userStart.Length - 1; u++)
        {
            for (var k = userStart[u]; k < userStart[u + 1]; k++) _itemUsers[fill[userItems[k]]++] = u;
            MaxItemsPerUser = Math.Max(MaxItemsPerUser, userStart[u + 1] - userStart[u]);
        }
    }

    public int UserCount => _userStart.Length - 1;
    public int ItemCount => _itemStart.Length - 1;

    /// <summary>Distinct (user, item) rejections.</summary>
    public int PairCount => _userItems.Length;

    public int MaxItemsPerUser { get; }

    public ReadOnlySpan<int> ItemsOf(int user) => _userItems.AsSpan(_userStart[user], _userStart[user + 1] - _userStart[user]);

    public ReadOnlySpan<int> UsersOf(int item) => _itemUsers.AsSpan(_itemStart[item], _itemStart[item + 1] - _itemStart[item]);

    public int ItemCountOf(int user) => _userStart[user + 1] - _userStart[user];

    public int UserCountOf(int item) => _itemStart[item + 1] - _itemStart[item];

    /// <summary>From (user, item) rejections in any order; repeats count once.</summary>
    public static SwingInput FromPairs(int userCount, int itemCount, ReadOnlySpan<(int User, int Item)> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userCount);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        var start = new int[userCount + 1];
        for (var k = 0; k < pairs.Length; k++)
        {
            var (user, item) = pairs[k];
            if ((uint)user >= (uint)userCount) throw new ArgumentException($"pair {k} names user {user}, outside 0..{userCount - 1}", nameof(pairs));
            if ((uint)item >= (uint)itemCount) throw new ArgumentException($"pair {k} names item {item}, outside 0..{itemCount - 1}", nameof(pairs));
            start[user + 1]++;
        }
        for (var u = 0; u < userCount; u++) start[u + 1] += start[u];
        var items = new int[pairs.Length];
        var fill = start[..^1];
        foreach (var (user, item) in pairs) items[fill[user]++] = item;
        return FromUserBuckets(itemCount, start, items);
    }

    /// <summary>Every negative event of the dataset.</summary>
    public static SwingInput FromNegatives(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return FromNegatives(dataset, dataset.Events.UserStart[1..]);
    }

    /// <summary>
    /// The negative events of each user u in <c>[UserStart[u], historyEndPerUser[u])</c>: the history before a
    /// per-user cut (events are time-sorted within a user, so a cut index is a cut time).
    /// </summary>
    public static SwingInput FromNegatives(Dataset dataset, ReadOnlySpan<int> historyEndPerUser)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var events = dataset.Events;
        var userCount = events.UserCount;
        if (historyEndPerUser.Length != userCount)
            throw new ArgumentException($"historyEndPerUser has {historyEndPerUser.Length} entries, the dataset has {userCount} users", nameof(historyEndPerUser));
        var kinds = events.Kinds;
        var start = new int[userCount + 1];
        for (var u = 0; u < userCount; u++)
        {
            var (first, last) = events.RangeOf(u);
            var end = historyEndPerUser[u];
            if (end < first || end > last)
                throw new ArgumentException($"historyEndPerUser[{u}] = {end} is outside user {u}'s events [{first}, {last}]", nameof(historyEndPerUser));
            var negatives = 0;
            for (var e = first; e < end; e++) if (kinds[e] == FeedbackKind.Negative) negatives++;
            start[u + 1] = start[u] + negatives;
        }
        var items = new int[start[userCount]];
        var eventItems = events.Items;
        for (var u = 0; u < userCount; u++)
        {
            var at = start[u];
            for (var e = events.UserStart[u]; e < historyEndPerUser[u]; e++)
                if (kinds[e] == FeedbackKind.Negative) items[at++] = eventItems[e];
        }
        return FromUserBuckets(dataset.Items.Count, start, items);
    }

    /// <summary>Sorts and de-duplicates each user's bucket in place, then compacts the buckets.</summary>
    static SwingInput FromUserBuckets(int itemCount, int[] start, int[] items)
    {
        var write = 0;
        for (var u = 0; u < start.Length - 1; u++)
        {
            var (first, end) = (start[u], start[u + 1]);
            Array.Sort(items, first, end - first);
            start[u] = write;
            for (var k = first; k < end; k++)
                if (k == first || items[k] != items[k - 1]) items[write++] = items[k];
        }
        start[^1] = write;
        return new SwingInput(itemCount, start, write == items.Length ? items : items[..write]);
    }
}
