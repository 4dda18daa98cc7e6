using System.Collections.Concurrent;
using System.Text;

namespace CoNRec.Model.Vocab;

/// <summary>
/// Byte-pair encoding over characters (Sennrich et al.), trained on the catalogue's titles. BPE rather than
/// unigram or WordPiece because its training is a short, exactly reproducible loop (most frequent pair, ties broken
/// by the pieces' ordinal text) and its encoding replays the merges in rank order, so the same titles always give the
/// same tokens. Words come from <see cref="TitleWords"/>; a word-final piece carries <see cref="EndOfWord"/> so that
/// decoding restores the spaces. Every character seen in training exists both word-inner and word-final, so only
/// characters never seen encode as <see cref="ITitleTokenizer.Unknown"/>.
/// </summary>
public sealed partial class BpeTitleTokenizer : ITitleTokenizer
{
    public const string EndOfWord = "</w>";

    readonly string[] _pieces;
    readonly (string Left, string Right)[] _merges;
    readonly Dictionary<string, int> _pieceIds;
    // (left, right) piece ids -> (rank of the merge, merged piece id).
    readonly Dictionary<(int, int), (int Rank, int Piece)> _mergeTable;
    // A catalogue repeats few distinct words; encoding each once makes title encoding cheap and thread-safe.
    readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);

    /// <summary>Rebuilds a trained tokenizer from its pieces (id order) and merges (rank order).</summary>
    /// <exception cref="ArgumentException">A piece repeats, or a merge names a piece that does not exist.</exception>
    public BpeTitleTokenizer(IReadOnlyList<string> pieces, IReadOnlyList<(string Left, string Right)> merges)
    {
        _pieces = [.. pieces];
        _merges = [.. merges];
        _pieceIds = new Dictionary<string, int>(_pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < _pieces.Length; i++)
            if (string.IsNullOrEmpty(_pieces[i]) || !_pieceIds.TryAdd(_pieces[i], i))
                throw new ArgumentException($"title piece {i} ('{_pieces[i]}') is empty or repeated", nameof(pieces));
        _mergeTable = new Dictionary<(int, int), (int, int)>(_merges.Length);
        for (var rank = 0; rank < _merges.Length; rank++)
        {
            var (left, right) = _merges[rank];
            if (!_pieceIds.TryGetValue(left, out var l) || !_pieceIds.TryGetValue(right, out var r) || !_pieceIds.TryGetValue(left + right, out var merged))
                throw new ArgumentException($"merge {rank} ('{left}' + '{right}') names a piece that is not in the vocabulary", nameof(merges));
            _mergeTable.TryAdd((l, r), (rank, merged));
        }
    }

    public string Kind => "bpe";
    public IReadOnlyList<string> Tokens => _pieces;
    public IReadOnlyList<(string Left, string Right)> Merges => _merges;

    public int[] Encode(string title)
    {
        var ids = new List<int>();
        foreach (var word in TitleWords.Split(title)) ids.AddRange(_wordCache.GetOrAdd(word, EncodeWord));
        return [.. ids];
    }

    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (id == ITitleTokenizer.Unknown) { text.Append(ReservedTokens.Unk); continue; }
            if ((uint)id >= (uint)_pieces.Length) throw new ArgumentOutOfRangeException(nameof(ids), id, $"the title tokenizer has {_pieces.Length} pieces");
            var piece = _pieces[id];
            if (piece.EndsWith(EndOfWord, StringComparison.Ordinal)) text.Append(piece.AsSpan(0, piece.Length - EndOfWord.Length)).Append(' ');
            else text.Append(piece);
        }
        return text.ToString().TrimEnd(' ');
    }

    int[] EncodeWord(string word)
    {
        var characters = TitleWords.Characters(word);
        var symbols = new List<int>(characters.Count);
        for (var i = 0; i < characters.Count; i++)
        {
            var text = i == characters.Count - 1 ? characters[i] + EndOfWord : characters[i];
            symbols.Add(_pieceIds.TryGetValue(text, out var id) ? id : ITitleTokenizer.Unknown);
        }
        // Replay merges: always the lowest-ranked adjacent pair, leftmost first, as training applied them.
        while (symbols.Count > 1)
        {
            int bestAt = -1, bestRank = int.MaxValue, bestPiece = 0;
            for (var i = 0; i + 1 < symbols.Count; i++)
                if (_mergeTable.TryGetValue((symbols[i], symbols[i + 1]), out var m) && m.Rank < bestRank)
                    (bestAt, bestRank, bestPiece) = (i, m.Rank, m.Piece);
            if (bestAt < 0) break;
            symbols[bestAt] = bestPiece;
            symbols.RemoveAt(bestAt + 1);
        }
        return [.. symbols];
    }
}
