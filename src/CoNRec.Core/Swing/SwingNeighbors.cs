namespace CoNRec.Core.Swing;

/// <summary>
/// The top Swing neighbours of every item, best first (score descending, then smaller item index), as CSR:
/// item i's neighbours are <c>[Start[i], Start[i + 1])</c> of <see cref="Items"/> and <see cref="Scores"/>.
/// </summary>
public sealed class SwingNeighbors : IItemNeighbors
{
    readonly int[] _start;
    readonly int[] _items;
    readonly float[] _scores;

    public SwingNeighbors(int[] start, int[] items, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        if (start.Length == 0 || start[0] != 0 || start[^1] != items.Length)
            throw new ArgumentException($"start must run from 0 to {items.Length} neighbours", nameof(start));
        if (scores.Length != items.Length)
            throw new ArgumentException($"{scores.Length} scores for {items.Length} neighbours", nameof(scores));
        for (var i = 0; i + 1 < start.Length; i++)
            if (start[i + 1] < start[i]) throw new ArgumentException($"start decreases at item {i}", nameof(start));
        foreach (var item in items)
            if ((uint)item >= (uint)(start.Length - 1))
                throw new ArgumentException($"neighbour {item} is outside 0..{start.Length - 2}", nameof(items));
        _start = start;
        _items = items;
        _scores = scores;
    }

    public int ItemCount => _start.Length - 1;

    /// <summary>Stored (item, neighbour) pairs.</summary>
    public int PairCount => _items.Length;

    public ReadOnlySpan<int> Start => _start;
    public ReadOnlySpan<int> Items => _items;
    public ReadOnlySpan<float> Scores => _scores;

    /// <summary>Item's neighbours, best first.</summary>
    public ReadOnlySpan<int> NeighborsOf(int item) => _items.AsSpan(_start[item], _start[item + 1] - _start[item]);

    /// <summary>Scores aligned with <see cref="NeighborsOf"/>.</summary>
    public ReadOnlySpan<float> ScoresOf(int item) => _scores.AsSpan(_start[item], _start[item + 1] - _start[item]);

    /// <summary>sim(item, neighbor) when neighbor is among item's kept neighbours, else 0.</summary>
    public float Score(int item, int neighbor)
    {
        var at = NeighborsOf(item).IndexOf(neighbor);
        return at < 0 ? 0f : ScoresOf(item)[at];
    }
}
