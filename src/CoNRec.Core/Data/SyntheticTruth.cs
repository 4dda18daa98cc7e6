namespace CoNRec.Core.Data;

/// <summary>
/// What only a simulator knows: each item's latent attribute group and each user's disliked groups, strongest
/// first. Used by the coverage check of method.md finding 3 (<c>conrec data stats</c>).
/// </summary>
public sealed record SyntheticTruth(string[] GroupNames, int[] ItemGroup, int[][] UserDislikedGroups)
{
    public int GroupCount => GroupNames.Length;
}
