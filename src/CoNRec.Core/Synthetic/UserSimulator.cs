using CoNRec.Core.Data;

namespace CoNRec.Core.Synthetic;

/// <summary>One simulated event of one user (the user is implied by the list it is in).</summary>
readonly record struct SimulatedEvent(int Item, long Time, FeedbackKind Kind, NegativeReason Reason);

/// <summary>
/// Simulates one user on the platform, day by day. The platform shows items mostly by its estimate of the
/// user's liking (past clicks and purchases per group, spread to the group's leaf) mixed with popularity-driven
/// exploration; after a negative it never shows that item again and suppresses the item's group (strongly)
/// and leaf (mildly) for <c>SuppressionDays</c>, or the group for <c>CategorySuppressionDays</c> after a
/// "dislike this category", the reason users give more often the stronger the dislike. That feedback loop is
/// the exposure bias of method.md, finding 3: the user's strongest dislikes soon stop being shown, so the
/// next negative tends to come from a weaker one. The user answers each exposure from the hidden
/// <see cref="UserProfile"/>.
/// </summary>
sealed class UserSimulator
{
    const int DrawAttempts = 8;

    /// <summary>Weight of a group, at average popularity, before the user engaged with anything (one click = 1).</summary>
    const double PriorWeight = 0.1;
    const int FirstVisitEarliest = 7 * 3600;
    const int FirstVisitLatest = 16 * 3600;

    /// <summary>Chance that the next exposure starts a new visit later the same day (30 min to 3 h later).</summary>
    const double NewVisit = 0.1;

    readonly SyntheticWorldOptions _o;
    readonly ItemUniverse _universe;
    readonly double[] _affinity;
    readonly double[] _dislike;
    readonly double[] _groupEngagement;
    readonly double[] _leafEngagement;
    readonly int[] _groupSuppressedUntil;
    readonly int[] _leafSuppressedUntil;
    readonly double[] _cumulative;
    readonly HashSet<int> _rejected = [];
    readonly HashSet<int> _owned = [];
    readonly Dictionary<int, int> _shown = [];
    readonly HashSet<int> _today = [];
    bool _weightsStale = true;

    public UserSimulator(SyntheticWorldOptions options, ItemUniverse universe)
    {
        _o = options;
        _universe = universe;
        _affinity = new double[universe.GroupCount];
        _dislike = new double[universe.GroupCount];
        _groupEngagement = new double[universe.GroupCount];
        _leafEngagement = new double[universe.LeafCount];
        _groupSuppressedUntil = new int[universe.GroupCount];
        _leafSuppressedUntil = new int[universe.LeafCount];
        _cumulative = new double[universe.GroupCount];
    }

    /// <summary>Runs all days for one user; the simulator is reset first, so one instance serves many users.</summary>
    public List<SimulatedEvent> Run(UserProfile profile, Random random)
    {
        Reset(profile);
        var events = new List<SimulatedEvent>();
        for (var day = 0; day < _o.Days; day++)
        {
            if (random.NextDouble() >= profile.Activity) continue;
            _today.Clear();
            _weightsStale = true;
            var time = _o.StartTime + day * Time.SecondsPerDay + FirstVisitEarliest + random.Next(FirstVisitLatest - FirstVisitEarliest);
            var dayEnd = _o.StartTime + (day + 1) * Time.SecondsPerDay - 1;
            var count = _o.ExposuresPerActiveDay / 2 + random.Next(_o.ExposuresPerActiveDay + 1);
            for (var k = 0; k < count; k++)
            {
                var item = Draw(random, day);
                if (item < 0) continue;
                var gap = random.NextDouble() < NewVisit ? 1_800 + random.Next(9_000) : 5 + random.Next(120);
                time = Math.Min(time + gap, dayEnd);
                var (kind, reason) = Respond(random, item);
                Record(item, day, kind, reason);
                events.Add(new SimulatedEvent(item, time, kind, reason));
            }
        }
        return events;
    }

    void Reset(UserProfile profile)
    {
        Array.Clear(_affinity);
        Array.Clear(_dislike);
        Array.Clear(_groupEngagement);
        Array.Clear(_leafEngagement);
        Array.Fill(_groupSuppressedUntil, -1);
        Array.Fill(_leafSuppressedUntil, -1);
        for (var k = 0; k < profile.LikedGroups.Length; k++) _affinity[profile.LikedGroups[k]] = profile.LikedAffinity[k];
        for (var k = 0; k < profile.DislikedGroups.Length; k++) _dislike[profile.DislikedGroups[k]] = profile.DislikeStrength[k];
        _rejected.Clear();
        _owned.Clear();
        _shown.Clear();
        _weightsStale = true;
    }

    /// <summary>The platform's pick for the next slot, or -1 when every attempt hit an item it will not show.</summary>
    int Draw(Random random, int day)
    {
        for (var attempt = 0; attempt < DrawAttempts; attempt++)
        {
            int item;
            if (random.NextDouble() < _o.ExplorationRate)
            {
                item = random.Pick(_universe.PopularityCumulative);
                if (random.NextDouble() >= Suppression(_universe.ItemGroup[item], day)) continue;
            }
            else
            {
                if (_weightsStale) RefreshWeights(day);
                var g = random.Pick(_cumulative);
                // The platform ranks within the chosen group, so it looks past items it will not show again.
                item = _universe.GroupItems[g][random.Pick(_universe.GroupItemCumulative[g])];
                for (var again = 0; again < DrawAttempts && _rejected.Contains(item); again++)
                    item = _universe.GroupItems[g][random.Pick(_universe.GroupItemCumulative[g])];
            }
            if (_rejected.Contains(item) || !_today.Add(item)) continue;
            return item;
        }
        return -1;
    }

    /// <summary>Group weights: popularity prior + own engagement + the leaf's engagement, times suppression.</summary>
    void RefreshWeights(int day)
    {
        var sum = 0.0;
        var groups = _universe.GroupCount;
        for (var g = 0; g < groups; g++)
        {
            var prior = PriorWeight * _universe.GroupPopularity[g] * groups;
            var estimate = _groupEngagement[g] + _o.LeafGeneralisation * _leafEngagement[_universe.LeafOf(g)];
            _cumulative[g] = sum += (prior + estimate) * Suppression(g, day);
        }
        _weightsStale = false;
    }

    double Suppression(int group, int day)
    {
        var factor = 1.0;
        if (day <= _groupSuppressedUntil[group]) factor *= 1 - _o.GroupSuppression;
        if (day <= _leafSuppressedUntil[_universe.LeafOf(group)]) factor *= 1 - _o.LeafSuppression;
        return factor;
    }

    (FeedbackKind, NegativeReason) Respond(Random random, int item)
    {
        var g = _universe.ItemGroup[item];
        var strength = _dislike[g];
        if (strength > 0 && random.NextDouble() < strength)
            return (FeedbackKind.Negative, random.NextDouble() < strength * strength ? NegativeReason.DislikeCategory : NegativeReason.NotInterested);

        // Nobody clicks on what they dislike, even when they let it pass.
        var a = _affinity[g];
        var r = random.NextDouble();
        if (r < _o.PositiveRate * a) return (FeedbackKind.Positive, NegativeReason.None);
        if (strength == 0 && r < (_o.PositiveRate + _o.ClickRate) * a + _o.BaseClickRate) return (FeedbackKind.Click, NegativeReason.None);
        if (random.NextDouble() < _o.NonInterestNegativeRate) return (FeedbackKind.Negative, NonInterestReason(random, item));
        if (strength == 0 && random.NextDouble() < _o.InterestNoiseRate) return (FeedbackKind.Negative, NegativeReason.NotInterested);
        return (FeedbackKind.Exposure, NegativeReason.None);
    }

    /// <summary>A reason that says nothing about taste, consistent with the history where it can be.</summary>
    NegativeReason NonInterestReason(Random random, int item)
    {
        if (_owned.Contains(item)) return NegativeReason.AlreadyOwned;
        if (_shown.GetValueOrDefault(item) >= 2) return NegativeReason.SeenTooOften;
        var r = random.NextDouble();
        return r < 0.5 ? NegativeReason.LowQuality : r < 0.8 ? NegativeReason.SeenTooOften : NegativeReason.AlreadyOwned;
    }

    /// <summary>What the platform learns from the answer.</summary>
    void Record(int item, int day, FeedbackKind kind, NegativeReason reason)
    {
        var g = _universe.ItemGroup[item];
        var leaf = _universe.LeafOf(g);
        _shown[item] = _shown.GetValueOrDefault(item) + 1;
        switch (kind)
        {
            case FeedbackKind.Click:
                _groupEngagement[g] += 1;
                _leafEngagement[leaf] += 1;
                _weightsStale = true;
                break;
            case FeedbackKind.Positive:
                _owned.Add(item);
                _groupEngagement[g] += 2;
                _leafEngagement[leaf] += 2;
                _weightsStale = true;
                break;
            case FeedbackKind.Negative:
                _rejected.Add(item);
                var days = reason == NegativeReason.DislikeCategory ? Math.Max(_o.SuppressionDays, _o.CategorySuppressionDays) : _o.SuppressionDays;
                if (days == 0) break;
                _groupSuppressedUntil[g] = Math.Max(_groupSuppressedUntil[g], day + days);
                _leafSuppressedUntil[leaf] = Math.Max(_leafSuppressedUntil[leaf], day + _o.SuppressionDays);
                _weightsStale = true;
                break;
        }
    }
}
