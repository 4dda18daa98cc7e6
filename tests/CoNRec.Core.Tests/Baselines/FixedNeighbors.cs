using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Baselines;

/// <summary>Hand-written item neighbours for ranker tests.</summary>
sealed class FixedNeighbors(int itemCount, Dictionary<int, (int Item, float Score)[]> lists) : IItemNeighbors
{
    public int ItemCount => itemCount;

    public ReadOnlySpan<int> NeighborsOf(int item) => lists.TryGetValue(item, out var l) ? l.Select(n => n.Item).ToArray() : [];

    public ReadOnlySpan<float> ScoresOf(int item) => lists.TryGetValue(item, out var l) ? l.Select(n => n.Score).ToArray() : [];
}
