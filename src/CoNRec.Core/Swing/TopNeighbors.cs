namespace CoNRec.Core.Swing;

/// <summary>
/// Keeps the best <c>capacity</c> of the candidates offered to it, sorted best first (score descending, then
/// smaller item). Insertion into a short sorted array: N is ~10, so this beats a heap and never sorts all
/// candidates.
/// </summary>
internal sealed class TopNeighbors(int capacity)
{
    readonly int[] _items = new int[capacity];
    readonly float[] _scores = new float[capacity];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Offer(int item, float score)
    {
        if (Count == capacity && !Better(score, item, _scores[Count - 1], _items[Count - 1])) return;
        var at = Count == capacity ? Count - 1 : Count++;
        while (at > 0 && Better(score, item, _scores[at - 1], _items[at - 1]))
        {
            _items[at] = _items[at - 1];
            _scores[at] = _scores[at - 1];
            at--;
        }
        _items[at] = item;
        _scores[at] = score;
    }

    public void CopyTo(Span<int> items, Span<float> scores)
    {
        _items.AsSpan(0, Count).CopyTo(items);
        _scores.AsSpan(0, Count).CopyTo(scores);
    }

    static bool Better(float score, int item, float otherScore, int otherItem) =>
        score > otherScore || (score == otherScore && item < otherItem);
}
