namespace CoNRec.Cluster.Coordinator;

/// <summary>
/// Workers of one kind that were answered <c>NoWork</c> and have not asked since, longest-waiting first. Parking,
/// forgetting and taking the oldest are O(1), so the coordinator can keep this up to date on every message without
/// a scan of its workers.
/// </summary>
internal sealed class ParkedWorkers
{
    readonly LinkedList<string> _order = new();
    readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);

    public int Count => _nodes.Count;

    /// <summary>Parks the worker at the back, or leaves it where it is if it is already parked.</summary>
    public void Park(string workerId)
    {
        if (!_nodes.ContainsKey(workerId)) _nodes[workerId] = _order.AddLast(workerId);
    }

    /// <summary>Forgets the worker (it asked again, or it is lost); false when it was not parked.</summary>
    public bool Forget(string workerId)
    {
        if (!_nodes.Remove(workerId, out var node)) return false;
        _order.Remove(node);
        return true;
    }

    /// <summary>Un-parks and returns the longest-waiting worker, or null when none is parked.</summary>
    public string? TakeOldest()
    {
        if (_order.First is not { } first) return null;
        _order.RemoveFirst();
        _nodes.Remove(first.Value);
        return first.Value;
    }
}
