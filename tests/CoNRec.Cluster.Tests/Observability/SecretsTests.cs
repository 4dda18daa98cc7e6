using CoNRec.Cluster.Observability;
using Serilog.Events;

namespace CoNRec.Cluster.Tests.Observability;

public sealed class SecretsTests
{
    const string Password = "pg-Pa55-word";

    [Fact]
    public void Redact_masks_every_occurrence_of_every_secret()
    {
        var text = Secrets.Redact("Password=pg-Pa55-word;Key=k1;again pg-Pa55-word", Password, "k1");

        Assert.Equal("Password=***;Key=***;again ***", text);
    }

    [Fact]
    public void Redact_masks_a_secret_that_contains_another_whole()
    {
        Assert.Equal("x *** y", Secrets.Redact("x abcdef y", "cd", "abcdef"));
    }

    [Fact]
    public void Redact_ignores_empty_secrets()
    {
        Assert.Equal("unchanged", Secrets.Redact("unchanged", "", ""));
    }

    [Fact]
    public void A_configured_secret_never_reaches_the_sinks()
    {
        var collected = new CollectingSink();
        using (var logger = ConrecLogging.CreateLogger(
                   new LoggingOptions { Console = false }, "node-a", "coordinator", [Password], writeTo => writeTo.Sink(collected)))
        {
            logger.Information("Opening {ConnectionString}", $"Host=db;Password={Password}");
            logger.Information("Settings {@Store}", new { Host = "db", Passwords = new[] { Password } });
            logger.Error(new InvalidOperationException($"login failed for password {Password}"), "Store failed");
#pragma warning disable CA2254 // the template itself is the leak being tested
            logger.Warning($"Interpolated {Password}");
#pragma warning restore CA2254
        }

        Assert.Equal(4, collected.Events.Count);
        foreach (var logEvent in collected.Events)
        {
            var everything = string.Join("\n",
                logEvent.MessageTemplate.Text,
                logEvent.RenderMessage(),
                string.Join("\n", logEvent.Properties.Values.Select(v => v.ToString())),
                logEvent.Exception?.ToString() ?? "");
            Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
            Assert.Contains(Secrets.Mask, everything, StringComparison.Ordinal);
        }

        Assert.Equal("Host=db;Password=***", ((ScalarValue)collected.Events[0].Properties["ConnectionString"]).Value);
        Assert.Contains("login failed for password ***", collected.Events[2].Exception!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_without_secrets_keep_their_message()
    {
        var collected = new CollectingSink();
        using (var logger = ConrecLogging.CreateLogger(
                   new LoggingOptions { Console = false }, "node-a", null, [Password], writeTo => writeTo.Sink(collected)))
            logger.Information("Step {Step} took {Seconds}", 3, 1.5);

        var logEvent = Assert.Single(collected.Events);
        Assert.Equal("Step 3 took 1.5", logEvent.RenderMessage());
    }
}
