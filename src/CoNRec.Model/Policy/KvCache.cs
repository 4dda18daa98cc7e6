using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, so that decoding feeds only new tokens.
/// Per layer: K and V (B, kv_heads, S, head_dim). Also the key mask (B, S) (false at padding) and each row's
/// next position (B), so positions continue after left or right padding. The cache owns its tensors (they
/// live outside every dispose scope); dispose it when done. One prompt's cache feeds G continuations through
/// <see cref="RepeatInterleave"/>, which copies and leaves this cache intact for reuse.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor?[] _keys;
    readonly Tensor?[] _values;
    Tensor? _keyMask;
    Tensor? _nextPositions;

    public KvCache(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
    }

    public int Layers => _keys.Length;

    /// <summary>S: the number of cached token slots (padding included).</summary>
    public long Length => _keyMask?.shape[1] ?? 0;

    /// <summary>B, or 0 while empty.</summary>
    public long BatchSize => _keyMask?.shape[0] ?? 0;

    /// <summary>(B, S) bool: true where the slot holds a real token.</summary>
    public Tensor? KeyMask => _keyMask;

    /// <summary>(B) int64: the position the next real token of each row takes.</summary>
    public Tensor? NextPositions => _nextPositions;

    /// <summary>(B, kv_heads, S, head_dim) keys of one layer, or null before the first forward.</summary>
    public Tensor? Keys(int layer) => _keys[layer];

    public Tensor? Values(int layer) => _values[layer];

    /// <summary>Appends the new slots' mask (B, T) and returns the full mask (B, S + T), owned by the cache.</summary>
    internal Tensor AppendMask(Tensor mask) => Replace(ref _keyMask, mask);

    /// <summary>Appends one layer's new keys and values (B, kv, T, D); returns the full ones, owned by the cache.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values) =>
        (Replace(ref _keys[layer], keys, dim: 2), Replace(ref _values[layer], values, dim: 2));

    internal void SetNextPositions(Tensor next)
    {
        var owned = next.detach().DetachFromDisposeScope();
        _nextPositions?.Dispose();
        _nextPositions = owned;
    }

    /// <summary>A new cache whose row b*G + g copies row b of this one (the layout of G samples per prompt).</summary>
    public KvCache RepeatInterleave(int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        using var scope = NewDisposeScope();
        var device = _keyMask?.device ?? CPU;
        var rows = arange(BatchSize, ScalarType.Int64, device).repeat_interleave(groupSize);
        return Select(rows);
    }

    /// <summary>A new cache made of the given rows (B') of this one, in order (beam reordering, pruning).</summary>
    public KvCache Select(Tensor rows)
    {
        using var scope = NewDisposeScope();
        var copy = new KvCache(Layers);
        for (var i = 0; i < Layers; i++)
        {
            copy._keys[i] = _keys[i]?.index_select(0, rows).DetachFromDisposeScope();
            copy._values[i] = _values[i]?.index_select(0, rows).DetachFromDisposeScope();
        }
        copy._keyMask = _keyMask?.index_select(0, rows).DetachFromDisposeScope();
        copy._nextPositions = _nextPositions?.index_select(0, rows).DetachFromDisposeScope();
        return copy;
    }

    public void Dispose()
    {
        for (var i = 0; i < Layers; i++)
        {
            _keys[i]?.Dispose();
            _values[i]?.Dispose();
            _keys[i] = _values[i] = null;
        }
        _keyMask?.Dispose();
        _nextPositions?.Dispose();
        _keyMask = _nextPositions = null;
    }

    static Tensor Replace(ref Tensor? slot, Tensor tail, long dim = 1)
    {
        var full = slot is null ? tail.alias() : cat([slot, tail], dim);
        full.DetachFromDisposeScope();
        slot?.Dispose();
        slot = full;
        return full;
    }
}
