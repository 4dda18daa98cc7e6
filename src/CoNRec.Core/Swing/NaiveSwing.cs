namespace CoNRec.Core.Swing;

/// <summary>
/// The textbook Swing, single-threaded, with a dictionary of pair scores and LINQ intersections: the
/// reference that <see cref="SwingSimilarity"/> must agree with and the baseline its benchmark is measured
/// against. It enumerates the same (sampled) user pairs, so both do the same arithmetic work.
/// </summary>
public static class NaiveSwing
{
    public static SwingNeighbors Compute(SwingInput input, SwingOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var itemsOf = Enumerable.Range(0, input.UserCount).Select(u => input.ItemsOf(u).ToArray()).ToArray();
        var usersOf = Enumerable.Range(0, input.ItemCount).Select(i => input.UsersOf(i).ToArray()).ToArray();
        var (sampleStart, sampleUsers) = SwingSampling.SampleUsers(input, options.MaxUsersPerItem, options.Seed);

        var scores = new Dictionary<(int I, int J), double>();
        var common = new Dictionary<(int I, int J), int>();
        for (var i = 0; i < input.ItemCount; i++)
        {
            foreach (var u in usersOf[i])
                foreach (var j in itemsOf[u].Where(j => j != i))
                    common[(i, j)] = common.GetValueOrDefault((i, j)) + 1;

            var users = sampleUsers[sampleStart[i]..sampleStart[i + 1]];
            for (var a = 0; a < users.Length; a++)
            {
                for (var b = a + 1; b < users.Length; b++)
                {
                    var (u, v) = (users[a], users[b]);
                    var shared = itemsOf[u].Intersect(itemsOf[v]).ToList();
                    var weight = 1.0 / (Math.Pow(itemsOf[u].Length + options.Alpha1, options.Theta)
                        * Math.Pow(itemsOf[v].Length + options.Alpha1, options.Theta)
                        * (shared.Count + options.Alpha2));
                    // (u, v) and (v, u) contribute the same weight.
                    foreach (var j in shared.Where(j => j != i))
                        scores[(i, j)] = scores.GetValueOrDefault((i, j)) + 2 * weight;
                }
            }
        }

        var rows = scores
            .Where(pair => common[pair.Key] >= options.MinCommonUsers && pair.Value > 0)
            .Select(pair => (pair.Key.I, pair.Key.J, Score: (float)Normalise(pair.Value, usersOf[pair.Key.I].Length, usersOf[pair.Key.J].Length, options)))
            .GroupBy(pair => pair.I)
            .ToDictionary(row => row.Key, row => row.OrderByDescending(p => p.Score).ThenBy(p => p.J).Take(options.TopN).ToArray());

        var start = new int[input.ItemCount + 1];
        var items = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < input.ItemCount; i++)
        {
            foreach (var (_, j, score) in rows.GetValueOrDefault(i, []))
            {
                items.Add(j);
                values.Add(score);
            }
            start[i + 1] = items.Count;
        }
        return new SwingNeighbors(start, [.. items], [.. values]);
    }

    static double Normalise(double raw, int usersOfI, int usersOfJ, SwingOptions options) =>
        options.Normalization == SwingNormalization.SqrtPopularity ? raw / Math.Sqrt((double)usersOfI * usersOfJ) : raw;
}
