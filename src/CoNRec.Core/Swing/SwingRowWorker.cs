namespace CoNRec.Core.Swing;

/// <summary>
/// Computes one item's Swing row with dense per-thread accumulators indexed by item; only the entries a
/// row touched are reset afterwards, so a row costs what its users reject, not the catalogue size.
/// I_u ∩ I_v is computed once per user pair by stamping I_u into a mark array and scanning I_v: a scan of
/// one short list with a rarely taken branch, about twice as fast here as a sorted merge of both lists.
/// </summary>
internal sealed class SwingRowWorker(int itemCount, int maxItemsPerUser, int topN)
{
    readonly double[] _score = new double[itemCount];
    readonly int[] _common = new int[itemCount];
    readonly int[] _touched = new int[itemCount];
    readonly int[] _shared = new int[maxItemsPerUser];
    readonly int[] _mark = new int[itemCount]; // _mark[j] == _stamp: j is in the current outer user's list
    readonly TopNeighbors _top = new(topN);
    int _stamp;

    /// <summary>Writes item's best neighbours to the outputs; returns how many.</summary>
    public int ComputeRow(int item, SwingInput input, ReadOnlySpan<int> sampledUsers, double[] userFactor,
        SwingOptions options, Span<int> outItems, Span<float> outScores)
    {
        // |U_ij| for every j co-rejected with item, over all of item's users.
        var touchedCount = 0;
        foreach (var u in input.UsersOf(item))
            foreach (var j in input.ItemsOf(u))
                if (_common[j]++ == 0) _touched[touchedCount++] = j;

        // Swing mass over pairs u < v of the sampled users; each pair stands for (u, v) and (v, u), hence 2.
        var alpha2 = options.Alpha2;
        for (var a = 0; a < sampledUsers.Length; a++)
        {
            var u = sampledUsers[a];
            var itemsOfU = input.ItemsOf(u);
            var stamp = NextStamp();
            foreach (var j in itemsOfU) _mark[j] = stamp;
            var factorU = 2.0 * userFactor[u];
            for (var b = a + 1; b < sampledUsers.Length; b++)
            {
                var v = sampledUsers[b];
                var shared = 0;
                foreach (var j in input.ItemsOf(v))
                    if (_mark[j] == stamp) _shared[shared++] = j;
                if (shared <= 1) continue; // only item itself
                var weight = factorU * userFactor[v] / (shared + alpha2);
                for (var k = 0; k < shared; k++) _score[_shared[k]] += weight;
            }
        }

        _top.Clear();
        var normalise = options.Normalization == SwingNormalization.SqrtPopularity;
        double popularity = input.UserCountOf(item);
        for (var t = 0; t < touchedCount; t++)
        {
            var j = _touched[t];
            var common = _common[j];
            var score = _score[j];
            _common[j] = 0;
            _score[j] = 0;
            if (j == item || common < options.MinCommonUsers || score <= 0) continue;
            if (normalise) score /= Math.Sqrt(popularity * input.UserCountOf(j));
            _top.Offer(j, (float)score);
        }
        _top.CopyTo(outItems, outScores);
        return _top.Count;
    }

    int NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_mark);
            _stamp = 0;
        }
        return ++_stamp;
    }
}
