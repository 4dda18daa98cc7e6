namespace CoNRec.Model.Generation;

/// <summary>
/// Prefix tree over every item's SID token sequence (one token per level, suffix level last), the constraint
/// of decoding: from any prefix only the tokens of real items may follow. Nodes are numbered breadth-first with
/// the children of each node contiguous and sorted by token, so a node's allowed tokens are one slice of
/// <see cref="_token"/> and the j-th allowed token leads to node <c>FirstChild(node) + j</c>. Node 0 is the root.
/// </summary>
public sealed class SidTrie
{
    readonly int[] _token;        // token on the edge into each node (-1 at the root)
    readonly int[] _firstChild;   // index of each node's first child
    readonly int[] _childCount;
    readonly int[] _item;         // item index at leaves, -1 elsewhere
    readonly int[] _itemTokens;   // (ItemCount, Depth) row-major, the input sequences

    /// <param name="itemTokenIds">Item index -> its SID token ids; all of one length; no two equal.</param>
    /// <exception cref="ArgumentException">No items, unequal lengths, a negative token or two items with one sequence.</exception>
    public SidTrie(IReadOnlyList<int[]> itemTokenIds)
    {
        ArgumentNullException.ThrowIfNull(itemTokenIds);
        if (itemTokenIds.Count == 0) throw new ArgumentException("a SID trie needs at least one item", nameof(itemTokenIds));
        Depth = itemTokenIds[0]?.Length ?? 0;
        if (Depth == 0) throw new ArgumentException("item 0 has an empty SID token sequence", nameof(itemTokenIds));
        ItemCount = itemTokenIds.Count;
        _itemTokens = new int[ItemCount * Depth];
        for (var i = 0; i < ItemCount; i++)
        {
            var tokens = itemTokenIds[i] ?? throw new ArgumentException($"item {i} has no SID token sequence", nameof(itemTokenIds));
            if (tokens.Length != Depth)
                throw new ArgumentException($"item {i} has {tokens.Length} SID tokens, item 0 has {Depth}: every SID has one token per level", nameof(itemTokenIds));
            for (var l = 0; l < Depth; l++)
            {
                if (tokens[l] < 0) throw new ArgumentException($"item {i} has a negative token id ({tokens[l]}) at level {l}", nameof(itemTokenIds));
                MaxTokenId = Math.Max(MaxTokenId, tokens[l]);
            }
            tokens.CopyTo(_itemTokens, i * Depth);
        }
        var order = SortedItems();
        (_token, _firstChild, _childCount, _item) = Build(order);
        MaxBranching = _childCount.Max();
    }

    /// <summary>Tokens per SID (levels, suffix included).</summary>
    public int Depth { get; }

    public int ItemCount { get; }

    public int NodeCount => _token.Length;

    public int MaxTokenId { get; }

    /// <summary>The most children any node has: the width of a padded table of allowed tokens.</summary>
    public int MaxBranching { get; }

    public const int Root = 0;

    /// <summary>The token ids allowed after the node's prefix, ascending (empty at a leaf).</summary>
    public ReadOnlySpan<int> ChildTokens(int node) => _token.AsSpan(_firstChild[node], _childCount[node]);

    public int FirstChild(int node) => _firstChild[node];

    public int ChildCount(int node) => _childCount[node];

    /// <summary>The token on the edge into the node (its prefix's last token); -1 at the root.</summary>
    public int TokenInto(int node) => _token[node];

    /// <summary>The item a leaf stands for, or -1 at an inner node.</summary>
    public int ItemAt(int node) => _item[node];

    /// <summary>The child reached by <paramref name="token"/>, or -1 if no item continues that way.</summary>
    public int Child(int node, int token)
    {
        var j = ChildTokens(node).BinarySearch(token);
        return j >= 0 ? _firstChild[node] + j : -1;
    }

    /// <summary>The node after the prefix, or -1 if no item starts with it.</summary>
    public int NodeOf(ReadOnlySpan<int> prefix)
    {
        var node = Root;
        for (var l = 0; l < prefix.Length && node >= 0; l++) node = Child(node, prefix[l]);
        return node;
    }

    /// <summary>Tokens allowed at the next level after the prefix; empty if the prefix is complete or no item has it.</summary>
    public ReadOnlySpan<int> AllowedNext(ReadOnlySpan<int> prefix)
    {
        var node = NodeOf(prefix);
        return node < 0 ? [] : ChildTokens(node);
    }

    /// <summary>The item whose full token sequence this is.</summary>
    /// <exception cref="ArgumentException">No item has this sequence.</exception>
    public int ItemOf(ReadOnlySpan<int> sequence)
    {
        var node = sequence.Length == Depth ? NodeOf(sequence) : -1;
        if (node < 0) throw new ArgumentException($"no item has the SID token sequence [{string.Join(", ", sequence.ToArray())}]", nameof(sequence));
        return _item[node];
    }

    /// <summary>The item's token ids, one per level.</summary>
    public ReadOnlySpan<int> Sequence(int item) => _itemTokens.AsSpan(item * Depth, Depth);

    /// <summary>Writes into <paramref name="nodes"/> (length Depth) the node before each of the item's tokens (root first).</summary>
    public void PathNodes(int item, Span<int> nodes)
    {
        var tokens = Sequence(item);
        var node = Root;
        for (var l = 0; l < Depth; l++)
        {
            nodes[l] = node;
            node = Child(node, tokens[l]);
        }
    }

    int[] SortedItems()
    {
        var order = new int[ItemCount];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var c = Sequence(a).SequenceCompareTo(Sequence(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        for (var i = 1; i < order.Length; i++)
        {
            if (Sequence(order[i - 1]).SequenceEqual(Sequence(order[i])))
                throw new ArgumentException(
                    $"items {order[i - 1]} and {order[i]} have the same SID token sequence [{string.Join(", ", Sequence(order[i]).ToArray())}]: " +
                    "the suffix level must make every item's SID unique", "itemTokenIds");
        }
        return order;
    }

    // Breadth-first: every node of depth l covers a contiguous range of the sorted items; its children split
    // that range by the token at level l, so appending them in order keeps each node's children contiguous.
    (int[] Token, int[] FirstChild, int[] ChildCount, int[] Item) Build(int[] order)
    {
        List<int> token = [-1], firstChild = [0], childCount = [0], item = [-1];
        List<(int Lo, int Hi)> range = [(0, order.Length)];
        var levelStart = 0;
        for (var level = 0; level < Depth; level++)
        {
            var levelEnd = token.Count;
            for (var node = levelStart; node < levelEnd; node++)
            {
                firstChild[node] = token.Count;
                var (lo, hi) = range[node];
                for (var start = lo; start < hi;)
                {
                    var t = _itemTokens[order[start] * Depth + level];
                    var end = start + 1;
                    while (end < hi && _itemTokens[order[end] * Depth + level] == t) end++;
                    token.Add(t);
                    firstChild.Add(0);
                    childCount.Add(0);
                    item.Add(level == Depth - 1 ? order[start] : -1);
                    range.Add((start, end));
                    start = end;
                }
                childCount[node] = token.Count - firstChild[node];
            }
            levelStart = levelEnd;
        }
        for (var leaf = levelStart; leaf < token.Count; leaf++) firstChild[leaf] = token.Count;
        return ([.. token], [.. firstChild], [.. childCount], [.. item]);
    }
}
