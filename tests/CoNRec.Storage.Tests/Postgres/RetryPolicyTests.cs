using System.Net.Sockets;
using CoNRec.Storage.Postgres;
using Npgsql;

namespace CoNRec.Storage.Tests.Postgres;

public sealed class RetryPolicyTests
{
    static readonly StoreRetryOptions Quick = new()
    {
        FirstDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(4),
        MaxElapsed = TimeSpan.FromSeconds(10),
        JitterSeed = 3,
    };

    static RetryPolicy Policy(StoreRetryOptions options) => new(options, TimeProvider.System, "postgres://conrec@db:5432/conrec");

    [Fact]
    public async Task Transient_failures_are_retried_until_the_operation_succeeds()
    {
        var attempts = 0;
        var cleared = 0;

        var result = await Policy(Quick).ExecuteAsync(_ =>
            ++attempts < 4 ? throw new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused)) : Task.FromResult(42),
            () => cleared++, CancellationToken.None);

        Assert.Equal((42, 4, 3), (result, attempts, cleared));
    }

    [Fact]
    public async Task Other_failures_surface_at_once()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Policy(Quick).ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new KeyNotFoundException("no such run");
        }, () => { }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Retrying_stops_after_the_time_limit_with_the_last_error_inside()
    {
        var options = Quick with { MaxElapsed = TimeSpan.FromMilliseconds(30) };
        var refused = new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused));

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(() =>
            Policy(options).ExecuteAsync<int>(_ => throw refused, () => { }, CancellationToken.None));

        Assert.Same(refused, error.InnerException);
        Assert.Contains("postgres://conrec@db:5432/conrec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delays_double_up_to_the_cap_and_are_jittered_to_between_half_and_all_of_it()
    {
        var policy = Policy(new StoreRetryOptions { FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), JitterSeed = 5 });
        double[] ceilings = [100, 200, 400, 800, 1000, 1000];

        for (var i = 0; i < ceilings.Length; i++)
        {
            var delay = policy.DelayBefore(i + 2).TotalMilliseconds;
            Assert.InRange(delay, ceilings[i] / 2, ceilings[i]);
        }
    }

    [Theory]
    [InlineData("57P01", true)]
    [InlineData("57P03", true)]
    [InlineData("40001", true)]
    [InlineData("23505", false)]
    [InlineData("42P01", false)]
    public void Server_errors_are_transient_by_their_sqlstate(string sqlState, bool transient)
    {
        var error = new PostgresException("message", "FATAL", "FATAL", sqlState);

        Assert.Equal(transient, TransientErrors.IsTransient(error));
    }

    [Theory]
    [InlineData("store.retry.firstDelay", 0, 100, 1000)]
    [InlineData("store.retry.maxDelay", 100, 50, 1000)]
    [InlineData("store.retry.maxElapsed", 100, 100, -1)]
    public void Bad_retry_settings_are_named(string setting, int first, int max, int elapsed)
    {
        var options = new StoreRetryOptions
        {
            FirstDelay = TimeSpan.FromMilliseconds(first),
            MaxDelay = TimeSpan.FromMilliseconds(max),
            MaxElapsed = TimeSpan.FromMilliseconds(elapsed),
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }
}
