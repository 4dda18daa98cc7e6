namespace CoNRec.Core.Features;

/// <summary>
/// FNV-1a 64 over UTF-8 bytes, fed piece by piece so that a token such as "b:" + word + " " + word is hashed
/// without building the string. Unlike <see cref="string.GetHashCode()"/> the result is the same in every
/// process, so feature vectors are reproducible byte for byte.
/// </summary>
public static class StableHash
{
    public const ulong Offset = 14695981039346656037UL;
    const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> text) => Append(Offset, text);

    public static ulong Append(ulong hash, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var count = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < count; i++) hash = (hash ^ utf8[i]) * Prime;
        }
        return hash;
    }

    public static ulong Append(ulong hash, char ascii) => (hash ^ (byte)ascii) * Prime;

    /// <summary>
    /// Spreads every input bit over the output (the MurmurHash3 finaliser): FNV's low bits, which pick the
    /// bucket, are otherwise weakly mixed for short tokens.
    /// </summary>
    public static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
