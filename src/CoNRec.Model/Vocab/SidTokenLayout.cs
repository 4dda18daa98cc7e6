namespace CoNRec.Model.Vocab;

/// <summary>
/// Where the semantic-ID tokens sit in the vocabulary: one contiguous block per level, level l's code c at
/// <c>FirstTokenId + Offset[l] + c</c>. Levels are the RQ-VAE levels followed by the collision-suffix level,
/// written <c>&lt;a_5&gt;&lt;b_2&gt;&lt;c_9&gt;&lt;d_0&gt;</c> (level letters a, b, c, ...).
/// </summary>
public sealed class SidTokenLayout
{
    readonly int[] _offset;
    readonly int[] _sizes;

    /// <param name="firstTokenId">Id of the first SID token (level 0, code 0).</param>
    /// <param name="levelSizes">Codes per level, suffix level last (e.g. [256, 256, 256, 4]).</param>
    public SidTokenLayout(int firstTokenId, IReadOnlyList<int> levelSizes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstTokenId);
        if (levelSizes.Count is < 1 or > 26) throw new ArgumentException($"a SID has 1..26 levels (got {levelSizes.Count})", nameof(levelSizes));
        _sizes = [.. levelSizes];
        _offset = new int[_sizes.Length + 1];
        for (var l = 0; l < _sizes.Length; l++)
        {
            if (_sizes[l] < 1) throw new ArgumentException($"level {l} has {_sizes[l]} codes", nameof(levelSizes));
            _offset[l + 1] = _offset[l] + _sizes[l];
        }
        FirstTokenId = firstTokenId;
    }

    public int FirstTokenId { get; }
    public int Levels => _sizes.Length;
    public int TokenCount => _offset[^1];
    public IReadOnlyList<int> LevelSizes => _sizes;

    public int TokenId(int level, int code)
    {
        if ((uint)level >= (uint)_sizes.Length) throw new ArgumentOutOfRangeException(nameof(level), level, $"a SID has {_sizes.Length} levels");
        if ((uint)code >= (uint)_sizes[level]) throw new ArgumentOutOfRangeException(nameof(code), code, $"level {level} has {_sizes[level]} codes");
        return FirstTokenId + _offset[level] + code;
    }

    public bool IsSidToken(int tokenId) => tokenId >= FirstTokenId && tokenId < FirstTokenId + TokenCount;

    /// <summary>The (level, code) of a SID token id.</summary>
    public (int Level, int Code) Decode(int tokenId)
    {
        if (!IsSidToken(tokenId)) throw new ArgumentOutOfRangeException(nameof(tokenId), tokenId, "not a SID token");
        var relative = tokenId - FirstTokenId;
        var level = Array.BinarySearch(_offset, relative);
        level = level >= 0 ? level : ~level - 1;
        return (level, relative - _offset[level]);
    }

    /// <summary>The token ids of one item's SID (codes per level, suffix last).</summary>
    public int[] Encode(ReadOnlySpan<int> codes)
    {
        if (codes.Length != _sizes.Length) throw new ArgumentException($"a SID has {_sizes.Length} codes (got {codes.Length})", nameof(codes));
        var ids = new int[codes.Length];
        for (var l = 0; l < codes.Length; l++) ids[l] = TokenId(l, codes[l]);
        return ids;
    }

    public static string TokenText(int level, int code) => $"<{(char)('a' + level)}_{code}>";
}
