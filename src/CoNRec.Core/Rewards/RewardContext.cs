using System.Collections.Concurrent;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Swing;

namespace CoNRec.Core.Rewards;

/// <summary>
/// Everything a reward needs, built once per training run: the event table, each user's history end (events at
/// or after it are never read, so evaluation targets cannot leak into training rewards), the unit-length SID
/// embeddings, the SID codes and the Swing neighbours. <see cref="TargetsOf"/> is cached per anchor and
/// thread-safe.
/// <para>
/// An anchor's future is the user's events with index in [FutureStart, HistoryEnd) and time in [t, t + W].
/// Events are time-sorted within a user, so this is the window (t, t + W] of method.md, plus the events that
/// share the anchor's second but come after the cut: public logs stamp whole sessions with one second, and
/// <see cref="EvaluationSplit"/> counts those as future too.
/// </para>
/// </summary>
public sealed class RewardContext
{
    readonly EventTable _events;
    readonly int[] _historyEnd;
    readonly float[] _unitEmbeddings; // (ItemCount, EmbeddingDim), rows of length 1 (or 0)
    readonly int[][]? _sidCodes;
    readonly IItemNeighbors? _neighbors;
    readonly long _window;
    readonly ConcurrentDictionary<RewardAnchor, RewardTargets> _cache = new();

    /// <param name="historyEnd">Per user, the exclusive end index of what rewards may read (a split's HistoryEnd).</param>
    /// <param name="sidEmbeddings">Row-major (items, embeddingDim) SID embeddings.</param>
    /// <param name="sidCodes">Per item, its codes per level (suffix last); needed by the hit variants.</param>
    /// <param name="neighbors">Swing neighbours fitted on history only; null adds none to GTS.</param>
    public RewardContext(Dataset dataset, ReadOnlySpan<int> historyEnd, ReadOnlySpan<float> sidEmbeddings, int embeddingDim,
        IReadOnlyList<int[]>? sidCodes, IItemNeighbors? neighbors, RewardOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        _events = dataset.Events;
        ItemCount = dataset.Items.Count;
        _historyEnd = CheckedHistoryEnd(_events, historyEnd);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
        if (sidEmbeddings.Length != (long)ItemCount * embeddingDim)
            throw new ArgumentException($"SID embeddings hold {sidEmbeddings.Length} floats, expected {ItemCount} items x {embeddingDim}", nameof(sidEmbeddings));
        EmbeddingDim = embeddingDim;
        _unitEmbeddings = SpanMath.NormalisedRows(sidEmbeddings, embeddingDim);
        _sidCodes = sidCodes is null ? null : CheckedCodes(sidCodes, ItemCount);
        if (options.UsesSidCodes && _sidCodes is null)
            throw new ArgumentException($"reward.variant {options.Variant} needs the items' SID codes", nameof(sidCodes));
        if (neighbors is not null && neighbors.ItemCount != ItemCount)
            throw new ArgumentException($"the neighbours cover {neighbors.ItemCount} items, the catalogue has {ItemCount}", nameof(neighbors));
        _neighbors = neighbors;
        _window = Time.Days(options.WindowDays);
    }

    /// <summary>A context over a split's history, with the split's dataset.</summary>
    public static RewardContext FromSplit(EvaluationSplit split, ReadOnlySpan<float> sidEmbeddings, int embeddingDim,
        IReadOnlyList<int[]>? sidCodes, IItemNeighbors? neighbors, RewardOptions options)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new RewardContext(split.Dataset, split.HistoryEnd, sidEmbeddings, embeddingDim, sidCodes, neighbors, options);
    }

    public RewardOptions Options { get; }
    public int ItemCount { get; }
    public int EmbeddingDim { get; }
    public int UserCount => _historyEnd.Length;

    public int HistoryEndOf(int user) => _historyEnd[user];

    /// <summary>The item's SID embedding scaled to unit length (all zeros for a zero embedding).</summary>
    public ReadOnlySpan<float> UnitEmbedding(int item) => _unitEmbeddings.AsSpan(CheckedItem(item) * EmbeddingDim, EmbeddingDim);

    public ReadOnlySpan<int> SidCodes(int item) =>
        _sidCodes is null ? throw new InvalidOperationException("this reward context has no SID codes") : _sidCodes[CheckedItem(item)];

    /// <summary>cos(e_a, e_b) of two items' SID embeddings (0 when either is zero).</summary>
    public float Cosine(int a, int b) => SpanMath.Dot(UnitEmbedding(a), UnitEmbedding(b));

    /// <summary>max over targets of cos(e_item, e_target); 0 for no targets.</summary>
    public float MaxCosine(int item, ReadOnlySpan<int> targets)
    {
        if (targets.IsEmpty) return 0f;
        var e = UnitEmbedding(item);
        var best = float.NegativeInfinity;
        foreach (var target in targets)
            best = MathF.Max(best, SpanMath.Dot(e, _unitEmbeddings.AsSpan(target * EmbeddingDim, EmbeddingDim)));
        return best;
    }

    /// <summary>GTS, FPS and the next negative of an anchor; computed once, then cached.</summary>
    public RewardTargets TargetsOf(RewardAnchor anchor)
    {
        CheckAnchor(anchor);
        return _cache.GetOrAdd(anchor, Build);
    }

    /// <summary>Anchors whose targets are cached.</summary>
    public int CachedAnchors => _cache.Count;

    public void ClearCache() => _cache.Clear();

    RewardTargets Build(RewardAnchor anchor)
    {
        var end = _historyEnd[anchor.User];
        var times = _events.Times;
        var kinds = _events.Kinds;
        var items = _events.Items;
        var limit = anchor.Time > long.MaxValue - _window ? long.MaxValue : anchor.Time + _window;
        var gts = new List<int>();
        var fps = new List<int>();
        var seenGts = new HashSet<int>();
        var seenFps = new HashSet<int>();
        var next = -1;
        for (var e = anchor.FutureStart; e < end; e++)
        {
            var (item, kind) = (items[e], kinds[e]);
            if (kind == FeedbackKind.Negative && next < 0) next = item;
            if (times[e] > limit)
            {
                if (next >= 0) break;
                continue; // past the window only the next negative is still wanted
            }
            if (times[e] < anchor.Time) continue;
            if (kind == FeedbackKind.Negative && seenGts.Add(item)) gts.Add(item);
            else if (kind == FeedbackKind.Positive && seenFps.Add(item)) fps.Add(item);
        }
        var negatives = gts.Count;
        if (_neighbors is not null && Options.SwingNeighbours > 0)
            for (var k = 0; k < negatives; k++)
            {
                var neighbours = _neighbors.NeighborsOf(gts[k]);
                foreach (var n in neighbours[..Math.Min(Options.SwingNeighbours, neighbours.Length)])
                    if (seenGts.Add(n)) gts.Add(n);
            }
        return gts.Count == 0 && fps.Count == 0 && next < 0 ? RewardTargets.Empty : new RewardTargets([.. gts], negatives, [.. fps], next);
    }

    void CheckAnchor(RewardAnchor anchor)
    {
        if ((uint)anchor.User >= (uint)_historyEnd.Length)
            throw new ArgumentOutOfRangeException(nameof(anchor), anchor.User, $"user outside 0..{_historyEnd.Length - 1}");
        var start = _events.UserStart[anchor.User];
        var end = _historyEnd[anchor.User];
        if (anchor.FutureStart < start || anchor.FutureStart > end)
            throw new ArgumentException($"anchor future start {anchor.FutureStart} is outside user {anchor.User}'s history [{start}, {end}]", nameof(anchor));
    }

    int CheckedItem(int item) =>
        (uint)item < (uint)ItemCount ? item : throw new ArgumentOutOfRangeException(nameof(item), item, $"item outside 0..{ItemCount - 1}");

    static int[] CheckedHistoryEnd(EventTable events, ReadOnlySpan<int> historyEnd)
    {
        if (historyEnd.Length != events.UserCount)
            throw new ArgumentException($"historyEnd has {historyEnd.Length} entries, the dataset has {events.UserCount} users", nameof(historyEnd));
        for (var u = 0; u < historyEnd.Length; u++)
        {
            var (first, last) = events.RangeOf(u);
            if (historyEnd[u] < first || historyEnd[u] > last)
                throw new ArgumentException($"historyEnd[{u}] = {historyEnd[u]} is outside user {u}'s events [{first}, {last}]", nameof(historyEnd));
        }
        return historyEnd.ToArray();
    }

    static int[][] CheckedCodes(IReadOnlyList<int[]> codes, int itemCount)
    {
        if (codes.Count != itemCount)
            throw new ArgumentException($"SID codes for {codes.Count} items, the catalogue has {itemCount}", nameof(codes));
        var result = new int[itemCount][];
        for (var i = 0; i < itemCount; i++)
            result[i] = codes[i] is { Length: > 0 } c ? c : throw new ArgumentException($"item {i} has no SID codes", nameof(codes));
        return result;
    }
}
