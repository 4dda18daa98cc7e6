using System.Globalization;
using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>
/// Maps the integer user and item ids of MovieLens and KuaiRand to a <see cref="DatasetBuilder"/>'s dense
/// indices without making a string per row: the external id string is made once, on first sight.
/// </summary>
internal sealed class NumericIds(DatasetBuilder builder)
{
    readonly Dictionary<long, int> _users = [];
    readonly Dictionary<long, int> _items = [];

    public DatasetBuilder Builder => builder;

    public int User(long id)
    {
        if (_users.TryGetValue(id, out var index)) return index;
        index = builder.User(id.ToString(CultureInfo.InvariantCulture));
        _users.Add(id, index);
        return index;
    }

    public bool TryGetItem(long id, out int item) => _items.TryGetValue(id, out item);

    public int AddItem(long id, string title, string categoryPath, ReadOnlySpan<float> features, ISourcePosition at)
    {
        if (_items.ContainsKey(id)) throw at.Error($"item id {id} appears twice");
        var index = builder.AddItem(id.ToString(CultureInfo.InvariantCulture), title, categoryPath, features);
        _items.Add(id, index);
        return index;
    }
}
