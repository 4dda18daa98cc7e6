namespace CoNRec.Core.Swing;

/// <summary>
/// Item-to-item neighbours (e.g. Swing on negative feedback), fitted on a split's history only.
/// <see cref="NeighborsOf"/> and <see cref="ScoresOf"/> have the same length for an item: neighbour k has
/// similarity <c>ScoresOf(item)[k]</c>.
/// </summary>
public interface IItemNeighbors
{
    int ItemCount { get; }

    ReadOnlySpan<int> NeighborsOf(int item);

    ReadOnlySpan<float> ScoresOf(int item);
}
