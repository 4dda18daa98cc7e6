namespace CoNRec.Core.Synthetic;

/// <summary>Draws the dislike archetypes and every user's <see cref="UserProfile"/>.</summary>
static class UserProfiles
{
    /// <summary>Chance that an archetype's disliked group lies in one of its own leaves (else anywhere).</summary>
    const double ArchetypeDislikeInOwnLeaf = 0.6;

    /// <summary>Chance that an archetype member swaps one of the archetype's leaves for a leaf of their own.</summary>
    const double LeafSwap = 0.3;

    /// <summary>Chance that an archetype member with two or more dislikes has one individual disliked group.</summary>
    const double IndividualDislike = 0.35;

    /// <summary>Chance that an individual disliked group lies in a leaf the user likes (else anywhere).</summary>
    const double IndividualDislikeInLikedLeaf = 0.7;

    public static DislikeArchetype[] Archetypes(SyntheticWorldOptions o)
    {
        var random = Seeds.For(o.Seed, Seeds.Archetypes);
        var result = new DislikeArchetype[o.DislikeArchetypes];
        for (var a = 0; a < result.Length; a++)
        {
            var leaves = DistinctLeaves(random, o, Math.Min(o.LikedLeavesPerUser, o.LeafCount));
            var groups = new List<int>(o.MaxDislikedGroups);
            for (var attempt = 0; groups.Count < Math.Min(o.MaxDislikedGroups, o.GroupCount) && attempt < 100; attempt++)
            {
                var leaf = random.NextDouble() < ArchetypeDislikeInOwnLeaf ? leaves[groups.Count % leaves.Length] : random.Next(o.LeafCount);
                var g = leaf * o.StylesPerLeaf + random.Next(o.StylesPerLeaf);
                if (!groups.Contains(g)) groups.Add(g);
            }
            result[a] = new DislikeArchetype(leaves, [.. groups]);
        }
        return result;
    }

    public static UserProfile Create(SyntheticWorldOptions o, DislikeArchetype[] archetypes, int user)
    {
        var random = Seeds.For(o.Seed, Seeds.Profiles, user);
        var archetype = archetypes.Length > 0 && random.NextDouble() < o.ArchetypeShare ? random.Next(archetypes.Length) : UserProfile.NoArchetype;
        int[] leaves;
        if (archetype == UserProfile.NoArchetype)
        {
            leaves = DistinctLeaves(random, o, Math.Min(o.LikedLeavesPerUser, o.LeafCount));
        }
        else
        {
            leaves = [.. archetypes[archetype].Leaves];
            for (var k = 0; k < leaves.Length; k++)
            {
                if (random.NextDouble() >= LeafSwap) continue;
                var other = random.Next(o.LeafCount);
                if (Array.IndexOf(leaves, other) < 0) leaves[k] = other;
            }
        }

        var disliked = Dislikes(o, random, archetype == UserProfile.NoArchetype ? null : archetypes[archetype], leaves);
        // The strongest dislikes are of things far from what the user likes (outside the liked leaves, so the
        // platform rarely shows them); dislikes within liked leaves are the milder ones.
        disliked = [.. disliked.Where(g => Array.IndexOf(leaves, g / o.StylesPerLeaf) < 0), .. disliked.Where(g => Array.IndexOf(leaves, g / o.StylesPerLeaf) >= 0)];
        var strengths = new double[disliked.Length];
        for (var k = 0; k < strengths.Length; k++) strengths[k] = o.DislikeStrengthMin + (o.DislikeStrengthMax - o.DislikeStrengthMin) * random.NextDouble();
        Array.Sort(strengths, (x, y) => y.CompareTo(x));
        if (random.NextDouble() < o.FewDislikesShare)
            for (var k = 0; k < strengths.Length; k++) strengths[k] *= o.FewDislikesScale;

        var liked = new List<int>();
        var affinity = new List<double>();
        foreach (var leaf in leaves)
        {
            var leafWeight = 0.5 + 0.5 * random.NextDouble();
            for (var s = 0; s < o.StylesPerLeaf; s++)
            {
                var g = leaf * o.StylesPerLeaf + s;
                var styleWeight = 0.2 + 0.8 * random.NextDouble();
                if (Array.IndexOf(disliked, g) >= 0) continue;
                liked.Add(g);
                affinity.Add(leafWeight * styleWeight);
            }
        }

        var activity = Math.Clamp(o.DailyActivityProbability * Math.Exp(0.5 * random.Gaussian() - 0.125), 0.0, 1.0);
        return new UserProfile([.. liked], [.. affinity], disliked, strengths, activity, archetype);
    }

    /// <summary>1..MaxDislikedGroups distinct groups in order of strength: mostly the archetype's, in its order, plus an individual one.</summary>
    static int[] Dislikes(SyntheticWorldOptions o, Random random, DislikeArchetype? archetype, int[] leaves)
    {
        // P(count = n) proportional to n: most users dislike several things, some just one.
        var max = Math.Min(o.MaxDislikedGroups, o.GroupCount);
        var draw = random.Next(max * (max + 1) / 2);
        var count = 1;
        while (draw >= count) draw -= count++;
        var fromArchetype = 0;
        if (archetype is not null)
        {
            var individual = count >= 2 && random.NextDouble() < IndividualDislike ? 1 : 0;
            fromArchetype = Math.Min(count - individual, archetype.DislikedGroups.Length);
        }

        var groups = new List<int>(count);
        if (fromArchetype > 0)
        {
            // A random subset of the archetype's groups, kept in the archetype's order.
            var picks = new int[archetype!.DislikedGroups.Length];
            for (var k = 0; k < picks.Length; k++) picks[k] = k;
            random.Shuffle(picks);
            Array.Sort(picks, 0, fromArchetype);
            for (var k = 0; k < fromArchetype; k++) groups.Add(archetype.DislikedGroups[picks[k]]);
        }
        for (var attempt = 0; groups.Count < count && attempt < 100; attempt++)
        {
            var leaf = random.NextDouble() < IndividualDislikeInLikedLeaf ? leaves[random.Next(leaves.Length)] : random.Next(o.LeafCount);
            var g = leaf * o.StylesPerLeaf + random.Next(o.StylesPerLeaf);
            if (groups.Contains(g)) continue;
            groups.Insert(random.Next(groups.Count + 1), g);
        }
        return [.. groups];
    }

    static int[] DistinctLeaves(Random random, SyntheticWorldOptions o, int count)
    {
        var all = new int[o.LeafCount];
        for (var k = 0; k < all.Length; k++) all[k] = k;
        random.Shuffle(all);
        return all[..count];
    }
}
