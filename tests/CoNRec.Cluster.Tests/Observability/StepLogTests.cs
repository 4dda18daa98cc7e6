using CoNRec.Cluster.Observability;
using CoNRec.Core.Runs;
using Serilog.Events;

namespace CoNRec.Cluster.Tests.Observability;

public sealed class StepLogTests
{
    static readonly StepSummary Summary = new(1, 2, 3, 4, 10, 500, 0.5, 0.25, 0.125, 0.01, 0.02, 1.5, 0.75);

    [Fact]
    public void Metrics_use_the_verl_names()
    {
        Assert.Equal(
            ["timing_s/gen", "timing_s/reward", "timing_s/update", "timing_s/weight_sync", "timing_s/step", "perf/tokens_per_s",
             "reward/mean", "reward/std", "frac_reward_zero_std", "kl", "clip_frac", "entropy", "grad_norm"],
            Summary.Metrics.Keys);
        Assert.Equal(500, Summary.Metrics["perf/tokens_per_s"]);
    }

    [Theory]
    [InlineData("timing_s/weight_sync", "timing_s_weight_sync")]
    [InlineData("perf/tokens_per_s", "perf_tokens_per_s")]
    [InlineData("eval/fhr@20", "eval_fhr_20")]
    [InlineData("kl", "kl")]
    public void Metric_property_names_replace_what_Seq_cannot_hold(string metric, string property)
    {
        Assert.Equal(property, MetricNames.PropertyName(metric));
    }

    [Fact]
    public void A_step_is_one_information_event_carrying_context_and_every_metric()
    {
        var collected = new CollectingSink();
        using (var logger = ConrecLogging.CreateLogger(
                   new LoggingOptions { Console = false }, "node-b", "learner", null, writeTo => writeTo.Sink(collected)))
            StepLog.Write(logger, RunId.Parse("run-20260101-000abc"), "sft-warmup", 7, new PolicyVersion(6), Summary);

        var logEvent = Assert.Single(collected.Events);
        Assert.Equal(LogEventLevel.Information, logEvent.Level);
        Assert.Equal("Step 7 of sft-warmup: reward 0.500 kl 0.0100 in 10.00s", logEvent.RenderMessage());
        Assert.Equal("run-20260101-000abc", Scalar(logEvent, "RunId"));
        Assert.Equal("sft-warmup", Scalar(logEvent, "Stage"));
        Assert.Equal(7L, Scalar(logEvent, "Step"));
        Assert.Equal(6L, Scalar(logEvent, "PolicyVersion"));
        Assert.Equal("learner", Scalar(logEvent, "Role"));
        Assert.Equal("node-b", Scalar(logEvent, "Node"));
        foreach (var (metric, value) in Summary.Metrics)
            Assert.Equal(value, Scalar(logEvent, MetricNames.PropertyName(metric)));
    }

    [Fact]
    public void Nothing_is_written_below_information()
    {
        var collected = new CollectingSink();
        using (var logger = ConrecLogging.CreateLogger(
                   new LoggingOptions { Console = false, MinimumLevel = LogEventLevel.Warning }, "node-b", null, null, writeTo => writeTo.Sink(collected)))
            StepLog.Write(logger, RunId.Parse("run-20260101-000abc"), "sft-warmup", 7, new PolicyVersion(6), Summary);

        Assert.Empty(collected.Events);
    }

    static object? Scalar(LogEvent logEvent, string property) => ((ScalarValue)logEvent.Properties[property]).Value;
}
