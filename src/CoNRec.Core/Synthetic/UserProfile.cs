namespace CoNRec.Core.Synthetic;

/// <summary>
/// One simulated user's hidden tastes. Likes: groups with an affinity in (0, 1] that drives clicks and
/// purchases. Dislikes: 1..N groups with a per-exposure rejection probability, strongest first (the ranking
/// <see cref="Data.SyntheticTruth"/> reports). Activity: the probability of visiting on a given day.
/// </summary>
sealed record UserProfile(int[] LikedGroups, double[] LikedAffinity, int[] DislikedGroups, double[] DislikeStrength, double Activity, int Archetype)
{
    public const int NoArchetype = -1;
}

/// <summary>
/// A shared pattern of taste: leaves its members shop in and groups they reject, in the archetype's order
/// of strength. Users of one archetype reject the same groups, which is the collaborative signal Swing finds.
/// </summary>
sealed record DislikeArchetype(int[] Leaves, int[] DislikedGroups);
