namespace CoNRec.Core.Data;

/// <summary>
/// A behaviour log: users (dense 0..UserCount-1, with their external ids), the item catalogue and the
/// events. Immutable; built by <see cref="DatasetBuilder"/>, stored by <see cref="DatasetFile"/>.
/// </summary>
public sealed class Dataset
{
    readonly string[] _userIds;

    public Dataset(string name, string[] userExternalIds, ItemCatalog items, EventTable events, SyntheticTruth? truth = null)
    {
        if (events.UserCount != userExternalIds.Length)
            throw new ArgumentException($"events index {events.UserCount} users, the user table has {userExternalIds.Length}");
        foreach (var item in events.Items)
            if ((uint)item >= (uint)items.Count) throw new ArgumentException($"an event names item {item}, outside the catalogue of {items.Count}");
        if (truth is not null && (truth.ItemGroup.Length != items.Count || truth.UserDislikedGroups.Length != userExternalIds.Length))
            throw new ArgumentException("the synthetic truth does not match the users and items");
        Name = name;
        _userIds = userExternalIds;
        Items = items;
        Events = events;
        Truth = truth;
    }

    public string Name { get; }
    public int UserCount => _userIds.Length;
    public IReadOnlyList<string> UserExternalIds => _userIds;
    public ItemCatalog Items { get; }
    public EventTable Events { get; }
    public SyntheticTruth? Truth { get; }

    public Dataset WithItems(ItemCatalog items) => new(Name, _userIds, items, Events, Truth);

    public Dataset WithEvents(EventTable events) => new(Name, _userIds, Items, events, Truth);
}
