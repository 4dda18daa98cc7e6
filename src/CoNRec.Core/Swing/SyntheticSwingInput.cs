using System.Runtime.InteropServices;

namespace CoNRec.Core.Swing;

/// <summary>
/// A random rejection incidence shaped like real negative feedback, for benchmarks: item popularity is
/// Zipf-skewed, and items fall into topics; each user dislikes one or two topics and draws most rejections
/// from them (so co-dislikes exist), the rest from the global popularity. Users reject 1..2*mean-1 distinct
/// items (mean = <c>negativesPerUserMean</c>).
/// </summary>
public static class SyntheticSwingInput
{
    const int ItemsPerTopic = 100;
    const double TopicShare = 0.8;
    const double ZipfExponent = 1.0;

    public static SwingInput Generate(int users, int items, int negativesPerUserMean, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(negativesPerUserMean, 1);
        var random = new Random(seed);
        var topics = Math.Max(1, items / ItemsPerTopic);

        // Popularity rank -> item, shuffled so that hot items are spread over topics.
        var byRank = new int[items];
        for (var i = 0; i < items; i++) byRank[i] = i;
        random.Shuffle(byRank);
        var globalCdf = ZipfCdf(items);
        // Topic t holds the items whose rank is t modulo topics, in rank order: a Zipf tail inside each topic too.
        var topicSize = (items + topics - 1) / topics;
        var topicCdf = ZipfCdf(topicSize);

        var pairs = new List<(int User, int Item)>(checked(users * negativesPerUserMean));
        var chosen = new HashSet<int>();
        for (var u = 0; u < users; u++)
        {
            var want = Math.Min(items / 2, 1 + random.Next(2 * negativesPerUserMean - 1));
            var first = random.Next(topics);
            var second = random.NextDouble() < 0.5 ? first : random.Next(topics);
            chosen.Clear();
            while (chosen.Count < want)
            {
                int item;
                if (random.NextDouble() < TopicShare)
                {
                    var topic = random.NextDouble() < 0.5 ? first : second;
                    var rank = topic + topics * Draw(topicCdf, random);
                    if (rank >= items) continue;
                    item = byRank[rank];
                }
                else item = byRank[Draw(globalCdf, random)];
                if (chosen.Add(item)) pairs.Add((u, item));
            }
        }
        return SwingInput.FromPairs(users, items, CollectionsMarshal.AsSpan(pairs));
    }

    static double[] ZipfCdf(int n)
    {
        var cdf = new double[n];
        var total = 0.0;
        for (var r = 0; r < n; r++) cdf[r] = total += 1.0 / Math.Pow(r + 1, ZipfExponent);
        for (var r = 0; r < n; r++) cdf[r] /= total;
        return cdf;
    }

    static int Draw(double[] cdf, Random random)
    {
        var at = Array.BinarySearch(cdf, random.NextDouble());
        return Math.Min(at < 0 ? ~at : at, cdf.Length - 1);
    }
}
