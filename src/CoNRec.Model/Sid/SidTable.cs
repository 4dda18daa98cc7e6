namespace CoNRec.Model.Sid;

/// <summary>
/// Every item's semantic ID: one code per level (N, L) plus a collision suffix (TIGER): items that share all L
/// codes are numbered 0..k-1 in item-index order, so that the full SID (L codes + suffix) is unique.
/// <see cref="SuffixSize"/> is the largest such group (1 when no two items collide).
/// </summary>
public sealed class SidTable
{
    readonly int[,] _codes;
    readonly int[] _suffix;
    readonly Dictionary<int[], int> _itemOfSid;

    /// <exception cref="ArgumentException">A code is outside 0..codebookSize-1 (the message names item and level).</exception>
    public SidTable(int[,] codes, int codebookSize)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentOutOfRangeException.ThrowIfLessThan(codebookSize, 1);
        Count = codes.GetLength(0);
        Levels = codes.GetLength(1);
        if (Levels < 1 || Levels >= SidTokens.MaxPositions)
            throw new ArgumentException($"a SID table needs 1..{SidTokens.MaxPositions - 1} levels (got {Levels})", nameof(codes));
        for (var i = 0; i < Count; i++)
            for (var l = 0; l < Levels; l++)
                if ((uint)codes[i, l] >= (uint)codebookSize)
                    throw new ArgumentException($"item {i} level {l}: code {codes[i, l]} is outside 0..{codebookSize - 1}", nameof(codes));
        _codes = (int[,])codes.Clone();
        CodebookSize = codebookSize;

        var groupSize = new Dictionary<int[], int>(CodeSequenceComparer.Instance);
        _suffix = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            var key = LevelCodes(i);
            groupSize.TryGetValue(key, out var seen);
            _suffix[i] = seen;
            groupSize[key] = seen + 1;
        }
        SuffixSize = Count == 0 ? 1 : groupSize.Values.Max();
        DistinctCodes = groupSize.Count;

        _itemOfSid = new Dictionary<int[], int>(Count, CodeSequenceComparer.Instance);
        for (var i = 0; i < Count; i++) _itemOfSid[FullSid(i)] = i;
    }

    public int Count { get; }

    /// <summary>Quantisation levels L (the suffix is position L of the full SID).</summary>
    public int Levels { get; }

    public int CodebookSize { get; }

    /// <summary>Number of suffix codes needed: the largest group of items sharing all L codes.</summary>
    public int SuffixSize { get; }

    /// <summary>Distinct L-code combinations (before the suffix).</summary>
    public int DistinctCodes { get; }

    public int Code(int item, int level) => _codes[item, level];

    public int Suffix(int item) => _suffix[item];

    /// <summary>The item's L codes.</summary>
    public int[] LevelCodes(int item)
    {
        var codes = new int[Levels];
        for (var l = 0; l < Levels; l++) codes[l] = _codes[item, l];
        return codes;
    }

    /// <summary>The item's L codes followed by its suffix.</summary>
    public int[] FullSid(int item) => [.. LevelCodes(item), _suffix[item]];

    /// <summary>A copy of the codes, (N, L).</summary>
    public int[,] CodesCopy() => (int[,])_codes.Clone();

    /// <summary>The item's full SID as tokens, e.g. <c>&lt;a_5&gt;&lt;b_2&gt;&lt;c_9&gt;&lt;d_0&gt;</c>.</summary>
    public string Format(int item) => SidTokens.Format(FullSid(item));

    /// <summary>The item with this full SID (L codes + suffix), or -1.</summary>
    public int Find(int[] fullSid) => _itemOfSid.TryGetValue(fullSid, out var item) ? item : -1;

    /// <summary>The item whose tokens these are, or -1 (also for text that is not a SID).</summary>
    public int Find(string tokens) => SidTokens.TryParse(tokens, out var codes) ? Find(codes) : -1;

    /// <param name="categories">Optional label per item for the category-coherence ratio.</param>
    public SidReport Report(int[]? categories = null) => SidReport.Compute(this, categories);

    sealed class CodeSequenceComparer : IEqualityComparer<int[]>
    {
        public static readonly CodeSequenceComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] codes)
        {
            var hash = new HashCode();
            foreach (var code in codes) hash.Add(code);
            return hash.ToHashCode();
        }
    }
}
