namespace CoNRec.Core.Data;

/// <summary>
/// Collects users, items and events by external id (as importers read them) and builds a <see cref="Dataset"/>
/// with dense indices. Items must be declared before events name them; users are created on first sight.
/// </summary>
public sealed class DatasetBuilder(string name, int featureDim)
{
    readonly Dictionary<string, int> _userIndex = new(StringComparer.Ordinal);
    readonly List<string> _userIds = [];
    readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    readonly List<string> _itemIds = [];
    readonly List<string> _titles = [];
    readonly List<string> _categories = [];
    readonly List<float> _features = [];
    readonly List<BehaviorEvent> _events = [];

    public int FeatureDim => featureDim;
    public int ItemCount => _itemIds.Count;
    public int EventCount => _events.Count;

    /// <summary>Declares an item; returns its dense index. A second declaration of the same id is refused.</summary>
    public int AddItem(string externalId, string title, string categoryPath, ReadOnlySpan<float> features)
    {
        if (features.Length != featureDim)
            throw new ArgumentException($"item '{externalId}' has {features.Length} features, expected {featureDim}");
        if (_itemIndex.ContainsKey(externalId)) throw new ArgumentException($"item '{externalId}' is declared twice");
        var index = _itemIds.Count;
        _itemIndex.Add(externalId, index);
        _itemIds.Add(externalId);
        _titles.Add(title);
        _categories.Add(categoryPath);
        foreach (var f in features) _features.Add(f);
        return index;
    }

    public bool TryGetItem(string externalId, out int item) => _itemIndex.TryGetValue(externalId, out item);

    public int User(string externalId)
    {
        if (_userIndex.TryGetValue(externalId, out var index)) return index;
        index = _userIds.Count;
        _userIndex.Add(externalId, index);
        _userIds.Add(externalId);
        return index;
    }

    public void AddEvent(int user, int item, long time, FeedbackKind kind, NegativeReason reason = NegativeReason.None)
    {
        if ((uint)user >= (uint)_userIds.Count) throw new ArgumentOutOfRangeException(nameof(user), user, "unknown user index");
        if ((uint)item >= (uint)_itemIds.Count) throw new ArgumentOutOfRangeException(nameof(item), item, "unknown item index");
        ArgumentOutOfRangeException.ThrowIfNegative(time);
        var storedReason = kind == FeedbackKind.Negative ? reason == NegativeReason.None ? NegativeReason.Unspecified : reason : NegativeReason.None;
        _events.Add(new BehaviorEvent(user, item, time, kind, storedReason));
    }

    public Dataset Build(SyntheticTruth? truth = null)
    {
        var catalog = new ItemCatalog([.. _itemIds], [.. _titles], [.. _categories], [.. _features], featureDim);
        var events = EventTable.FromEvents(_events, _userIds.Count);
        return new Dataset(name, [.. _userIds], catalog, events, truth);
    }
}
