using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Core.Tests.Synthetic;

public sealed class SyntheticWorldTests : IDisposable
{
    /// <summary>A world with the default structure, small enough to generate in a fraction of a second.</summary>
    internal static readonly SyntheticWorldOptions Small = new()
    {
        Users = 300, Items = 400, Days = 30, TopCategories = 4, SubcategoriesPerTop = 3, StylesPerLeaf = 3, DislikeArchetypes = 4,
    };

    readonly string _dir = Directory.CreateTempSubdirectory("conrec-synth-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    byte[] Bytes(Dataset dataset, string name)
    {
        var path = Path.Combine(_dir, name + DatasetFile.Extension);
        DatasetFile.Write(dataset, path);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        var first = Bytes(SyntheticWorld.Generate(Small), "first");
        var second = Bytes(SyntheticWorld.Generate(Small), "second");

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_a_different_dataset()
    {
        var first = Bytes(SyntheticWorld.Generate(Small), "first");
        var other = Bytes(SyntheticWorld.Generate(Small with { Seed = Small.Seed + 1 }), "other");

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_dataset_has_the_requested_shape_and_time_range()
    {
        var d = SyntheticWorld.Generate(Small);

        Assert.Equal(Small.Users, d.UserCount);
        Assert.Equal(Small.Items, d.Items.Count);
        Assert.Equal(Small.FeatureDim, d.Items.FeatureDim);
        Assert.True(d.Events.Count > Small.Users * Small.Days * Small.DailyActivityProbability * Small.ExposuresPerActiveDay / 2);
        Assert.InRange(d.Events.MinTime, Small.StartTime, long.MaxValue);
        Assert.InRange(d.Events.MaxTime, 0, Small.StartTime + Small.Days * Time.SecondsPerDay - 1);
        var hours = new HashSet<long>();
        foreach (var t in d.Events.Times) hours.Add(t % Time.SecondsPerDay / 3600);
        Assert.True(hours.Count >= 12, $"events fall in only {hours.Count} hours of the day");
    }

    [Fact]
    public void The_truth_matches_the_catalogue_and_the_events()
    {
        var d = SyntheticWorld.Generate(Small);
        var truth = d.Truth!;

        Assert.Equal(Small.GroupCount, truth.GroupCount);
        Assert.Equal(Small.GroupCount, truth.GroupNames.Distinct().Count());
        for (var i = 0; i < d.Items.Count; i++)
        {
            var group = truth.GroupNames[truth.ItemGroup[i]];
            var style = group[(group.LastIndexOf('/') + 1)..];
            Assert.Equal(group, $"{d.Items.CategoryPaths[i]}/{style}");
            Assert.StartsWith(style + " ", d.Items.Titles[i], StringComparison.Ordinal);
            var noun = d.Items.CategoryPaths[i].Split('/')[1];
            Assert.Contains(" " + noun.ToLowerInvariant(), d.Items.Titles[i], StringComparison.Ordinal);
        }
        foreach (var groups in truth.UserDislikedGroups)
        {
            Assert.InRange(groups.Length, 1, Small.MaxDislikedGroups);
            Assert.Equal(groups.Length, groups.Distinct().Count());
        }

        // Interest-related negatives come from the disliked groups, apart from the low noise rate.
        var (inside, all) = (0, 0);
        var events = d.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (events.Kinds[i] != FeedbackKind.Negative || !NegativeReasons.InterestRelated.Contains(events.Reasons[i])) continue;
            all++;
            if (truth.UserDislikedGroups[events.Users[i]].Contains(truth.ItemGroup[events.Items[i]])) inside++;
        }
        Assert.True(all > Small.Users, $"only {all} interest-related negatives");
        Assert.True(inside > 0.7 * all, $"{inside} of {all} interest-related negatives fall in a disliked group");
    }

    [Fact]
    public void The_truth_ranks_each_users_dislikes_strongest_first()
    {
        var archetypes = UserProfiles.Archetypes(Small);
        var truth = SyntheticWorld.Generate(Small).Truth!;

        for (var u = 0; u < Small.Users; u++)
        {
            var profile = UserProfiles.Create(Small, archetypes, u);
            Assert.Equal(profile.DislikedGroups, truth.UserDislikedGroups[u]);
            for (var k = 1; k < profile.DislikeStrength.Length; k++)
                Assert.True(profile.DislikeStrength[k - 1] >= profile.DislikeStrength[k]);
        }
    }

    [Fact]
    public void Non_interest_negatives_exist_and_cleaning_removes_them()
    {
        var d = SyntheticWorld.Generate(Small);
        var reasons = Negatives(d).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

        var cleaned = NegativeCleaning.KeepInterestRelated(d);
        var kept = Negatives(cleaned).ToList();

        foreach (var reason in new[] { NegativeReason.SeenTooOften, NegativeReason.AlreadyOwned, NegativeReason.LowQuality, NegativeReason.NotInterested, NegativeReason.DislikeCategory })
            Assert.True(reasons.GetValueOrDefault(reason) > 0, $"no negative with reason {reason}");
        Assert.All(kept, r => Assert.Contains(r, NegativeReasons.InterestRelated));
        Assert.Equal(reasons[NegativeReason.NotInterested] + reasons[NegativeReason.DislikeCategory], kept.Count);
    }

    static IEnumerable<NegativeReason> Negatives(Dataset d)
    {
        for (var i = 0; i < d.Events.Count; i++)
            if (d.Events.Kinds[i] == FeedbackKind.Negative) yield return d.Events.Reasons[i];
    }

    [Fact]
    public void Items_of_one_attribute_group_have_closer_features_than_items_of_different_groups()
    {
        var d = SyntheticWorld.Generate(Small with { Users = 1 });
        var group = d.Truth!.ItemGroup;
        double same = 0, other = 0;
        int sameCount = 0, otherCount = 0;
        for (var i = 0; i < 100; i++)
            for (var j = i + 1; j < 100; j++)
            {
                var cos = Cosine(d.Items.FeaturesOf(i), d.Items.FeaturesOf(j));
                if (group[i] == group[j]) { same += cos; sameCount++; } else { other += cos; otherCount++; }
            }

        Assert.True(sameCount > 0);
        Assert.True(same / sameCount > other / otherCount + 0.3, $"same group {same / sameCount:0.00}, different {other / otherCount:0.00}");
    }

    static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k]; }
        return dot / Math.Sqrt(na * nb);
    }

    [Fact]
    public void Progress_reaches_one_and_cancellation_stops_generation()
    {
        var reports = new List<double>();
        SyntheticWorld.Generate(Small, new SynchronousProgress(reports.Add));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(1.0, reports[^1]);
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticWorld.Generate(Small, ct: cancelled.Token));
    }

    sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        readonly Lock _gate = new();

        public void Report(double value)
        {
            lock (_gate) report(value);
        }
    }
}
