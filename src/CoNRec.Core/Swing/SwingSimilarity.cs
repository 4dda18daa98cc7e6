namespace CoNRec.Core.Swing;

/// <summary>
/// Swing item-item similarity on negative feedback (method.md, step 4), parallel over items. For item i it
/// enumerates pairs of (sampled) users of i once, intersects their rejection lists once per pair, and credits
/// the pair's weight to every other item in the intersection: one pass yields i's whole row.
/// </summary>
public static class SwingSimilarity
{
    public static SwingNeighbors Compute(SwingInput input, SwingOptions options, IProgress<double>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var itemCount = input.ItemCount;
        var topN = options.TopN;
        var userFactor = UserFactors(input, options);
        var (sampleStart, sampleUsers) = SwingSampling.SampleUsers(input, options.MaxUsersPerItem, options.Seed);

        // Fixed-width rows first (item i at i * topN), compacted into CSR at the end.
        var rowItems = new int[checked(itemCount * topN)];
        var rowScores = new float[rowItems.Length];
        var rowCount = new int[itemCount];
        var done = 0;
        var reportEvery = Math.Max(1, itemCount / 100);
        Parallel.For(0, itemCount, new ParallelOptions { CancellationToken = ct },
            () => new SwingRowWorker(itemCount, Math.Max(1, input.MaxItemsPerUser), topN),
            (item, _, worker) =>
            {
                var sampled = sampleUsers.AsSpan(sampleStart[item], sampleStart[item + 1] - sampleStart[item]);
                rowCount[item] = worker.ComputeRow(item, input, sampled, userFactor, options,
                    rowItems.AsSpan(item * topN, topN), rowScores.AsSpan(item * topN, topN));
                var finished = Interlocked.Increment(ref done);
                if (progress is not null && finished % reportEvery == 0) progress.Report((double)finished / itemCount);
                return worker;
            },
            _ => { });
        progress?.Report(1.0);
        return Compact(rowItems, rowScores, rowCount, topN);
    }

    /// <summary>(|I_u| + Alpha1)^-Theta for every user: the per-user half of a pair's weight.</summary>
    static double[] UserFactors(SwingInput input, SwingOptions options)
    {
        var factor = new double[input.UserCount];
        for (var u = 0; u < factor.Length; u++) factor[u] = 1.0 / Math.Pow(input.ItemCountOf(u) + options.Alpha1, options.Theta);
        return factor;
    }

    static SwingNeighbors Compact(int[] rowItems, float[] rowScores, int[] rowCount, int topN)
    {
        var start = new int[rowCount.Length + 1];
        for (var i = 0; i < rowCount.Length; i++) start[i + 1] = start[i] + rowCount[i];
        var items = new int[start[^1]];
        var scores = new float[items.Length];
        for (var i = 0; i < rowCount.Length; i++)
        {
            rowItems.AsSpan(i * topN, rowCount[i]).CopyTo(items.AsSpan(start[i]));
            rowScores.AsSpan(i * topN, rowCount[i]).CopyTo(scores.AsSpan(start[i]));
        }
        return new SwingNeighbors(start, items, scores);
    }
}
