using System.Globalization;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>Where this learner stands among data-parallel learners and how long it waits for its peers.</summary>
/// <param name="Rank">This learner's rank, 0 to World - 1; rank r learns the r-th contiguous share of each step's groups.</param>
/// <param name="World">How many learners share each step.</param>
/// <param name="ExchangeTimeout">How long one gradient exchange may wait for the slowest peer's gradient.</param>
public sealed record DataParallelOptions(int Rank, int World, TimeSpan ExchangeTimeout)
{
    public static DataParallelOptions Single { get; } = new(0, 1);

    public DataParallelOptions(int rank, int world) : this(rank, world, TimeSpan.FromMinutes(10)) { }

    public DataParallelOptions Validate()
    {
        if (World < 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"learner.world must be >= 1 (got {World})"));
        if (Rank < 0 || Rank >= World)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"learner.rank must be in [0, {World}) for learner.world {World} (got {Rank})"));
        if (ExchangeTimeout <= TimeSpan.Zero) throw new ArgumentException($"learner.exchangeTimeout must be > 0 (got {ExchangeTimeout})");
        return this;
    }
}
