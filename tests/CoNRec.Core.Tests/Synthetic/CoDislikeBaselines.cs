using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Synthetic;

/// <summary>
/// Throwaway stand-ins, used only to check that the synthetic world carries collaborative signal: co-dislike
/// neighbours (items rejected by the most common users) in place of Swing, and FHR@K of three simple rankers
/// (random, global dislike popularity, item-kNN on co-rejection). Learns from the split's histories only.
/// </summary>
public sealed class CoDislikeBaselines
{
    readonly EvaluationSplit _split;
    readonly int _items;
    readonly int[] _coCount;      // (items, items): users who rejected both in their history
    readonly int[] _rejecters;    // (items): users who rejected the item in their history
    readonly int[][] _history;    // per user: distinct items rejected in the history
    readonly int[][] _neighbours;

    public CoDislikeBaselines(EvaluationSplit split, int topNeighbours = 10, int minCommonUsers = 5)
    {
        _split = split;
        var events = split.Dataset.Events;
        _items = split.Dataset.Items.Count;
        _coCount = new int[_items * _items];
        _rejecters = new int[_items];
        _history = new int[events.UserCount][];
        for (var u = 0; u < events.UserCount; u++)
        {
            var set = new SortedSet<int>();
            for (var i = events.UserStart[u]; i < split.HistoryEnd[u]; i++)
                if (events.Kinds[i] == FeedbackKind.Negative) set.Add(events.Items[i]);
            _history[u] = [.. set];
            foreach (var a in _history[u])
            {
                _rejecters[a]++;
                foreach (var b in _history[u])
                    if (a != b) _coCount[a * _items + b]++;
            }
        }
        _neighbours = new int[_items][];
        for (var i = 0; i < _items; i++)
        {
            var offset = i * _items;
            var candidates = new List<int>();
            for (var j = 0; j < _items; j++)
                if (_coCount[offset + j] >= minCommonUsers) candidates.Add(j);
            _neighbours[i] = [.. candidates.OrderByDescending(j => _coCount[offset + j]).ThenBy(j => j).Take(topNeighbours)];
        }
    }

    public ReadOnlySpan<int> Neighbours(int item) => _neighbours[item];

    public double RandomFhr(int k, int seed)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, _items).ToArray();
        return Fhr(k, _ => { random.Shuffle(order); return order; });
    }

    public double PopularityFhr(int k)
    {
        var order = Enumerable.Range(0, _items).OrderByDescending(i => _rejecters[i]).ThenBy(i => i).ToArray();
        return Fhr(k, _ => order);
    }

    public double ItemKnnFhr(int k)
    {
        var popularity = Enumerable.Range(0, _items).OrderByDescending(i => _rejecters[i]).ThenBy(i => i).ToArray();
        var score = new double[_items];
        return Fhr(k, user =>
        {
            if (_history[user].Length == 0) return popularity;
            Array.Clear(score);
            foreach (var i in _history[user])
                for (var j = 0; j < _items; j++)
                    if (_coCount[i * _items + j] > 0) score[j] += _coCount[i * _items + j] / Math.Sqrt((double)_rejecters[i] * _rejecters[j]);
            // Ties (e.g. zero scores) fall back to popularity order.
            var rank = new int[_items];
            for (var r = 0; r < _items; r++) rank[popularity[r]] = r;
            return [.. Enumerable.Range(0, _items).OrderByDescending(j => score[j]).ThenBy(j => rank[j])];
        });
    }

    /// <summary>Share of cases whose top-k (excluding items the user already gave feedback on) holds a future negative.</summary>
    double Fhr(int k, Func<int, int[]> rank)
    {
        var hits = 0;
        foreach (var c in _split.Cases)
        {
            var excluded = new HashSet<int>(c.ExcludedItems);
            var targets = new HashSet<int>(c.FutureNegatives);
            var taken = 0;
            foreach (var item in rank(c.User))
            {
                if (excluded.Contains(item)) continue;
                if (targets.Contains(item)) { hits++; break; }
                if (++taken == k) break;
            }
        }
        return _split.Cases.Count == 0 ? 0 : (double)hits / _split.Cases.Count;
    }
}
