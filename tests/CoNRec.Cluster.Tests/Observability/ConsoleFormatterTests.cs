using CoNRec.Cluster.Observability;
using CoNRec.Core.Runs;
using Serilog.Events;

namespace CoNRec.Cluster.Tests.Observability;

public sealed class ConsoleFormatterTests
{
    static string Format(Action<Serilog.ILogger> log)
    {
        var collected = new CollectingSink();
        using (var logger = ConrecLogging.CreateLogger(
                   new LoggingOptions { Console = false, MinimumLevel = LogEventLevel.Debug }, "node-a", "rollout", null, writeTo => writeTo.Sink(collected)))
            log(logger);
        using var output = new StringWriter();
        new ConsoleFormatter().Format(Assert.Single(collected.Events), output);
        return output.ToString();
    }

    [Fact]
    public void A_line_shows_level_node_role_run_context_and_the_message_with_bare_strings()
    {
        var line = Format(logger => logger
            .ForRun(RunId.Parse("run-20261126-ab12cd"), "grpo-1")
            .ForStep(12, new PolicyVersion(11))
            .Warning("Dropped group {Group} from {Worker} at {Ratio:0.00}", 3, "worker-2", 0.123456));

        Assert.Matches(@"^\d\d:\d\d:\d\d WRN node-a/rollout run-20261126-ab12cd grpo-1 #12 v11 \| Dropped group 3 from worker-2 at 0\.12\r?\n$", line);
    }

    [Fact]
    public void Missing_context_is_left_out_and_exceptions_follow_the_line()
    {
        var line = Format(logger => logger.Debug(new InvalidOperationException("boom"), "Lease lost"));

        var lines = line.Split('\n');
        Assert.Matches(@"^\d\d:\d\d:\d\d DBG node-a/rollout \| Lease lost\r?$", lines[0]);
        Assert.StartsWith("System.InvalidOperationException: boom", lines[1], StringComparison.Ordinal);
    }
}
