using CoNRec.Core.Randomness;
namespace CoNRec.Core.Swing;

/// <summary>
/// The users whose pairs are enumerated for each item: all of them, or for an item rejected by more than
/// <see cref="SwingOptions.MaxUsersPerItem"/> users a sample of that size. Each item's sample depends only
/// on the seed and the item index, so it is the same whatever order or thread computes it.
/// </summary>
internal static class SwingSampling
{
    /// <summary>CSR of the sampled users of every item, ascending within an item.</summary>
    public static (int[] Start, int[] Users) SampleUsers(SwingInput input, int maxUsersPerItem, int seed)
    {
        var itemCount = input.ItemCount;
        var start = new int[itemCount + 1];
        for (var i = 0; i < itemCount; i++) start[i + 1] = start[i] + Math.Min(input.UserCountOf(i), maxUsersPerItem);
        var users = new int[start[itemCount]];
        int[] scratch = [];
        for (var i = 0; i < itemCount; i++)
        {
            var all = input.UsersOf(i);
            var target = users.AsSpan(start[i], start[i + 1] - start[i]);
            if (all.Length <= maxUsersPerItem)
            {
                all.CopyTo(target);
                continue;
            }
            if (scratch.Length < all.Length) scratch = new int[all.Length];
            var pool = scratch.AsSpan(0, all.Length);
            all.CopyTo(pool);
            // Partial Fisher-Yates: the first maxUsersPerItem slots become a uniform sample without replacement.
            var random = new Random(ItemSeed(seed, i));
            for (var k = 0; k < maxUsersPerItem; k++)
            {
                var pick = k + random.Next(pool.Length - k);
                (pool[k], pool[pick]) = (pool[pick], pool[k]);
            }
            pool[..maxUsersPerItem].CopyTo(target);
            target.Sort();
        }
        return (start, users);
    }

    /// <summary>Neighbouring items get unrelated streams.</summary>
    internal static int ItemSeed(int seed, int item) => StableSeed.Mix(seed, stream: 0, item);
}
