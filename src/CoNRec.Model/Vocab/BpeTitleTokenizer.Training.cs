namespace CoNRec.Model.Vocab;

public sealed partial class BpeTitleTokenizer
{
    /// <summary>
    /// Learns merges from titles until <see cref="BpeTrainingOptions.VocabularySize"/> pieces exist or no pair is
    /// frequent enough. Pieces: the alphabet in ordinal order (each character word-inner, then word-final), then
    /// each merge's result in merge order. Deterministic: the result depends only on the multiset of titles.
    /// </summary>
    public static BpeTitleTokenizer Train(IEnumerable<string> titles, BpeTrainingOptions? options = null)
    {
        options ??= new BpeTrainingOptions();
        options.Validate();

        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var title in titles)
            foreach (var word in TitleWords.Split(title))
                wordCounts[word] = wordCounts.GetValueOrDefault(word) + 1;
        var words = wordCounts.Keys.Order(StringComparer.Ordinal).ToArray();

        var alphabet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
            foreach (var c in TitleWords.Characters(word)) alphabet.Add(c);
        var pieces = new List<string>(Math.Max(options.VocabularySize, alphabet.Count * 2));
        foreach (var c in alphabet) { pieces.Add(c); pieces.Add(c + EndOfWord); }
        var pieceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pieces.Count; i++) pieceIds.Add(pieces[i], i);

        var state = new MergeState(words, wordCounts, pieceIds);
        var merges = new List<(string, string)>();
        while (pieces.Count < options.VocabularySize && state.Best(pieces, options.MinPairCount) is { } pair)
        {
            var (left, right) = (pieces[pair.Left], pieces[pair.Right]);
            var text = left + right;
            if (!pieceIds.TryGetValue(text, out var merged))
            {
                merged = pieces.Count;
                pieces.Add(text);
                pieceIds.Add(text, merged);
            }
            merges.Add((left, right));
            state.Apply(pair, merged);
        }
        return new BpeTitleTokenizer(pieces, merges);
    }

    /// <summary>Every distinct word as a piece sequence, with the weighted count of each adjacent pair.</summary>
    sealed class MergeState
    {
        readonly List<int>[] _symbols;
        readonly long[] _weight;
        readonly Dictionary<(int Left, int Right), long> _pairCount = [];
        // Words that contained the pair when it was counted; may hold stale entries, which Apply skips.
        readonly Dictionary<(int Left, int Right), HashSet<int>> _pairWords = [];

        public MergeState(string[] words, Dictionary<string, long> counts, Dictionary<string, int> pieceIds)
        {
            _symbols = new List<int>[words.Length];
            _weight = new long[words.Length];
            for (var w = 0; w < words.Length; w++)
            {
                var characters = TitleWords.Characters(words[w]);
                var symbols = new List<int>(characters.Count);
                for (var i = 0; i < characters.Count; i++)
                    symbols.Add(pieceIds[i == characters.Count - 1 ? characters[i] + EndOfWord : characters[i]]);
                _symbols[w] = symbols;
                _weight[w] = counts[words[w]];
                Count(w, +1);
            }
        }

        /// <summary>The most frequent pair; ties go to the ordinally smallest (left, right) text.</summary>
        public (int Left, int Right)? Best(List<string> pieces, int minCount)
        {
            (int Left, int Right)? best = null;
            long bestCount = 0;
            foreach (var (pair, count) in _pairCount)
            {
                if (count < minCount || count < bestCount) continue;
                if (count > bestCount || Before(pieces, pair, best!.Value)) (best, bestCount) = (pair, count);
            }
            return best;
        }

        public void Apply((int Left, int Right) pair, int merged)
        {
            if (!_pairWords.TryGetValue(pair, out var holders)) return;
            foreach (var w in holders.Order().ToArray())
            {
                var symbols = _symbols[w];
                if (!Contains(symbols, pair)) continue;
                Count(w, -1);
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] != pair.Left || symbols[i + 1] != pair.Right) continue;
                    symbols[i] = merged;
                    symbols.RemoveAt(i + 1);
                }
                Count(w, +1);
            }
        }

        void Count(int w, int sign)
        {
            var symbols = _symbols[w];
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                var pair = (symbols[i], symbols[i + 1]);
                var count = _pairCount.GetValueOrDefault(pair) + sign * _weight[w];
                if (count == 0) _pairCount.Remove(pair); else _pairCount[pair] = count;
                if (sign <= 0) continue;
                if (!_pairWords.TryGetValue(pair, out var holders)) _pairWords[pair] = holders = [];
                holders.Add(w);
            }
        }

        static bool Contains(List<int> symbols, (int Left, int Right) pair)
        {
            for (var i = 0; i + 1 < symbols.Count; i++)
                if (symbols[i] == pair.Left && symbols[i + 1] == pair.Right) return true;
            return false;
        }

        static bool Before(List<string> pieces, (int Left, int Right) a, (int Left, int Right) b)
        {
            var c = string.CompareOrdinal(pieces[a.Left], pieces[b.Left]);
            return c != 0 ? c < 0 : string.CompareOrdinal(pieces[a.Right], pieces[b.Right]) < 0;
        }
    }
}
