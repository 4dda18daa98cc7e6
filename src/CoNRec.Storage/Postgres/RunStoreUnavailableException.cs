using System.Globalization;

namespace CoNRec.Storage.Postgres;

/// <summary>The store stayed unreachable for longer than <see cref="StoreRetryOptions.MaxElapsed"/>.</summary>
public sealed class RunStoreUnavailableException(string location, int attempts, TimeSpan elapsed, Exception lastError)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"The run store {location} is unavailable: gave up after {attempts} attempts over {elapsed.TotalSeconds:F1} s ({lastError.Message})"), lastError)
{
    public int Attempts { get; } = attempts;
}
