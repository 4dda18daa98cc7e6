namespace CoNRec.Model.Tasks;

/// <summary>A per-user seed (SplitMix64 of seed, user and a purpose), so results do not depend on visiting order.</summary>
internal static class SeedMix
{
    public static int Of(int seed, int user, int purpose)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)user) ^ ((ulong)(uint)purpose * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
