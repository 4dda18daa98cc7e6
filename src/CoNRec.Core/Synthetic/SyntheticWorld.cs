using System.Globalization;
using CoNRec.Core.Data;

namespace CoNRec.Core.Synthetic;

/// <summary>
/// A behaviour log with known ground truth: a category tree of items in latent attribute groups, users with
/// hidden likes and ranked dislikes (partly shared through archetypes), and a platform whose exposures follow
/// its estimate of the user's liking and avoid what the user just rejected (method.md, finding 3). The
/// returned dataset carries <see cref="SyntheticTruth"/>. Same options, same bytes: every user is simulated
/// from its own seeded random stream and the results are merged in user order.
/// </summary>
public static class SyntheticWorld
{
    /// <param name="options">The world's settings; validated first.</param>
    /// <param name="progress">Share of the work done, in [0, 1]; called from worker threads, ends with 1.</param>
    /// <param name="ct">Stops generation between users.</param>
    /// <exception cref="ArgumentException">A setting is out of range (names it).</exception>
    public static Dataset Generate(SyntheticWorldOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var universe = ItemUniverse.Create(options);
        var features = ItemFeatures.Create(options, universe);
        var archetypes = UserProfiles.Archetypes(options);

        var profiles = new UserProfile[options.Users];
        var timelines = new List<SimulatedEvent>[options.Users];
        var done = 0;
        var reportEvery = Math.Max(1, options.Users / 100);
        var parallel = new ParallelOptions { CancellationToken = ct };
        Parallel.For(0, options.Users, parallel, () => new UserSimulator(options, universe), (u, _, simulator) =>
        {
            profiles[u] = UserProfiles.Create(options, archetypes, u);
            timelines[u] = simulator.Run(profiles[u], Seeds.For(options.Seed, Seeds.Simulation, u));
            var finished = Interlocked.Increment(ref done);
            if (finished % reportEvery == 0) progress?.Report(0.9 * finished / options.Users);
            return simulator;
        }, _ => { });

        var builder = new DatasetBuilder($"synthetic-seed{options.Seed.ToString(CultureInfo.InvariantCulture)}", options.FeatureDim);
        var dim = options.FeatureDim;
        for (var i = 0; i < options.Items; i++)
            builder.AddItem(ItemId(i), universe.Titles[i], universe.CategoryPaths[i], features.AsSpan(i * dim, dim));
        for (var u = 0; u < options.Users; u++)
        {
            ct.ThrowIfCancellationRequested();
            var user = builder.User(UserId(u));
            foreach (var e in timelines[u]) builder.AddEvent(user, e.Item, e.Time, e.Kind, e.Reason);
            timelines[u] = [];
        }

        var disliked = new int[options.Users][];
        for (var u = 0; u < options.Users; u++) disliked[u] = profiles[u].DislikedGroups;
        var dataset = builder.Build(new SyntheticTruth(universe.GroupNames, universe.ItemGroup, disliked));
        progress?.Report(1.0);
        return dataset;
    }

    public static string ItemId(int item) => $"i{item.ToString("D5", CultureInfo.InvariantCulture)}";

    public static string UserId(int user) => $"u{user.ToString("D5", CultureInfo.InvariantCulture)}";
}
