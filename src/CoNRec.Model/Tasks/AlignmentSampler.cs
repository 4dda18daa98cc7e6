using CoNRec.Core.Randomness;
using CoNRec.Core.Data;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tasks;

/// <summary>
/// Item-level alignment items from one user's events (method.md, step 2): the rejected candidate is an item the
/// user rejected at least <see cref="TaskOptions.AlignmentMinRejections"/> times; the three others are items the
/// user gave positive feedback and never rejected, drawn afresh for each item; the four are shuffled. Users with
/// fewer than three such positives give none.
/// </summary>
internal static class AlignmentSampler
{
    const int Purpose = 1;
    const int Others = ReservedTokens.ChoiceCount - 1;

    public static List<AlignmentSample> Sample(TaskFormat format, EventTable events, int user, int start, int end)
    {
        var options = format.Options;
        var kinds = events.Kinds;
        var items = events.Items;
        var rejections = new Dictionary<int, int>();
        var liked = new SortedSet<int>();
        for (var e = start; e < end; e++)
        {
            if (kinds[e] == FeedbackKind.Negative) rejections[items[e]] = rejections.GetValueOrDefault(items[e]) + 1;
            else if (kinds[e] == FeedbackKind.Positive) liked.Add(items[e]);
        }
        liked.ExceptWith(rejections.Keys);
        var samples = new List<AlignmentSample>();
        if (liked.Count < Others) return samples;

        var rejected = rejections.Where(r => r.Value >= options.AlignmentMinRejections)
            .OrderByDescending(r => r.Value).ThenBy(r => r.Key)
            .Take(options.AlignmentExamplesPerUser).Select(r => r.Key).ToArray();
        var pool = liked.ToArray();
        var random = StableSeed.Random(options.Seed, Purpose, user);
        foreach (var item in rejected)
        {
            // A partial Fisher-Yates shuffle draws the positives; a full one places the four candidates.
            for (var i = 0; i < Others; i++)
            {
                var j = random.Next(i, pool.Length);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }
            int[] candidates = [item, .. pool.AsSpan(0, Others)];
            random.Shuffle(candidates);
            var rejectedIndex = Array.IndexOf(candidates, item);
            samples.Add(new AlignmentSample(user, candidates, rejectedIndex, format.Alignment(candidates, rejectedIndex)));
        }
        return samples;
    }
}
