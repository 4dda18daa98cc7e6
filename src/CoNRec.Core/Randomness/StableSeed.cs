namespace CoNRec.Core.Randomness;

/// <summary>
/// Seeds for independent, reproducible random streams: (run seed, stream, index) mixed by the SplitMix64
/// finaliser into a non-negative int. Unlike <see cref="HashCode"/>, the result is the same in every process,
/// so per-user or per-item streams give the same data whatever the thread count or visiting order.
/// </summary>
public static class StableSeed
{
    public static int Mix(int seed, int stream, int index = 0)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)stream * 0xC2B2AE3D27D4EB4FUL + (ulong)(uint)index * 0x165667B19E3779F9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }

    public static Random Random(int seed, int stream, int index = 0) => new(Mix(seed, stream, index));
}
