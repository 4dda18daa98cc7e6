using CoNRec.Cluster.Observability;
using CoNRec.Core.Runs;
using Serilog.Events;

namespace CoNRec.Cluster.Tests.Observability;

public sealed class ConrecLoggingTests
{
    static readonly RunId Run = RunId.Parse("run-20260101-000abc");

    static Serilog.Core.Logger Create(CollectingSink sink, string? role = "rollout") =>
        ConrecLogging.CreateLogger(new LoggingOptions { Console = false }, "node-c", role, null, writeTo => writeTo.Sink(sink));

    [Fact]
    public void Every_event_carries_node_and_role()
    {
        var collected = new CollectingSink();
        using (var logger = Create(collected))
        {
            logger.Information("Started");
            logger.Warning("Dropped {Count} groups", 2);
        }

        Assert.Equal(2, collected.Events.Count);
        Assert.All(collected.Events, e =>
        {
            Assert.Equal("node-c", ((ScalarValue)e.Properties[LogProperties.Node]).Value);
            Assert.Equal("rollout", ((ScalarValue)e.Properties[LogProperties.Role]).Value);
        });
    }

    [Fact]
    public void A_node_without_a_role_has_no_role_property()
    {
        var collected = new CollectingSink();
        using (var logger = Create(collected, role: null))
            logger.Information("Started");

        Assert.False(Assert.Single(collected.Events).Properties.ContainsKey(LogProperties.Role));
    }

    [Fact]
    public void Scoped_loggers_add_run_stage_step_and_policy_version()
    {
        var collected = new CollectingSink();
        using (var logger = Create(collected))
            logger.ForRun(Run, "grpo-2").ForStep(40, new PolicyVersion(39)).Information("Group scored");

        var properties = Assert.Single(collected.Events).Properties;
        Assert.Equal(Run.Value, ((ScalarValue)properties[LogProperties.RunId]).Value);
        Assert.Equal("grpo-2", ((ScalarValue)properties[LogProperties.Stage]).Value);
        Assert.Equal(40L, ((ScalarValue)properties[LogProperties.Step]).Value);
        Assert.Equal(39L, ((ScalarValue)properties[LogProperties.PolicyVersion]).Value);
    }

    [Fact]
    public void Pushed_run_context_reaches_events_until_disposed()
    {
        var collected = new CollectingSink();
        using (var logger = Create(collected))
        {
            using (LogScopes.Push(Run, "sid"))
                logger.Information("Inside");
            logger.Information("Outside");
        }

        var inside = collected.Events.Single(e => e.MessageTemplate.Text == "Inside").Properties;
        var outside = collected.Events.Single(e => e.MessageTemplate.Text == "Outside").Properties;
        Assert.Equal(Run.Value, ((ScalarValue)inside[LogProperties.RunId]).Value);
        Assert.Equal("sid", ((ScalarValue)inside[LogProperties.Stage]).Value);
        Assert.False(outside.ContainsKey(LogProperties.RunId));
    }

    [Fact]
    public void Invalid_options_are_rejected_when_the_logger_is_built()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ConrecLogging.CreateLogger(new LoggingOptions { SeqUrl = "localhost:5341" }, "node-c"));

        Assert.Contains("logging.seqUrl", error.Message, StringComparison.Ordinal);
    }
}
