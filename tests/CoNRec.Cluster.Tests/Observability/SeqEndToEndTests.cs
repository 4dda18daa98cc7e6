using System.Globalization;
using System.Text.Json;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Tests.Observability;

public sealed class SeqEndToEndTests
{
    const string ApiKey = "seq-key-7f3a9c";
    static readonly RunId Run = RunId.Parse("run-20261126-ab12cd");

    static readonly StepSummary Summary = new(
        GenSeconds: 4.5, RewardSeconds: 0.75, UpdateSeconds: 2.25, WeightSyncSeconds: 0.5, StepSeconds: 8.25,
        TokensPerSecond: 1234.5, RewardMean: 0.412, RewardStd: 0.125, FracRewardZeroStd: 0.25, Kl: 0.0031,
        ClipFrac: 0.02, Entropy: 1.75, GradNorm: 0.9);

    static LoggingOptions SeqOnly(string url) => new() { Console = false, SeqUrl = url, SeqApiKey = ApiKey };

    [Fact]
    public void Step_summary_reaches_Seq_with_its_context_metrics_and_api_key()
    {
        using var seq = new LoopbackSeq();

        using (var logger = ConrecLogging.CreateLogger(SeqOnly(seq.Url), "node-a", "learner"))
            StepLog.Write(logger, Run, "grpo-1", 12, new PolicyVersion(11), Summary);

        var request = Assert.Single(seq.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("/api/events/raw", request.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("application/vnd.serilog.clef", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(ApiKey, request.ApiKey);

        var step = Assert.Single(request.Events);
        Assert.Equal(StepLog.Template, step.GetProperty("@mt").GetString());
        // Seq renders the message from @mt and the invariant-culture renderings of formatted properties in @r.
        Assert.Equal(["grpo-1", "0.412", "0.0031", "8.25"], step.GetProperty("@r").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Run.Value, step.GetProperty("RunId").GetString());
        Assert.Equal("grpo-1", step.GetProperty("Stage").GetString());
        Assert.Equal(12, step.GetProperty("Step").GetInt64());
        Assert.Equal(11, step.GetProperty("PolicyVersion").GetInt64());
        Assert.Equal("learner", step.GetProperty("Role").GetString());
        Assert.Equal("node-a", step.GetProperty("Node").GetString());
        foreach (var (metric, value) in Summary.Metrics)
            Assert.Equal(value, step.GetProperty(MetricNames.PropertyName(metric)).GetDouble());
        Assert.Equal(4.5, step.GetProperty("timing_s_gen").GetDouble());
        Assert.Equal(1234.5, step.GetProperty("perf_tokens_per_s").GetDouble());
    }

    [Fact]
    public void Api_key_goes_in_the_header_but_is_masked_inside_events()
    {
        using var seq = new LoopbackSeq();

        using (var logger = ConrecLogging.CreateLogger(SeqOnly(seq.Url), "node-a"))
            logger.Information("Connecting to Seq with {Key}", ApiKey);

        var request = Assert.Single(seq.Requests);
        Assert.Equal(ApiKey, request.ApiKey);
        Assert.DoesNotContain(ApiKey, request.Body, StringComparison.Ordinal);
        Assert.Equal(Secrets.Mask, Assert.Single(request.Events).GetProperty("Key").GetString());
    }

    [Fact]
    public void Disposing_the_logger_flushes_what_is_still_queued()
    {
        using var seq = new LoopbackSeq();
        var logger = ConrecLogging.CreateLogger(SeqOnly(seq.Url), "node-a");
        for (var i = 0; i < 5; i++)
            logger.Information("Event {Index}", i);

        logger.Dispose();

        var indices = seq.Events.Select(e => e.GetProperty("Index").GetInt32()).Order();
        Assert.Equal([0, 1, 2, 3, 4], indices);
    }

    [Fact]
    public void Unreachable_Seq_neither_throws_nor_stops_the_other_sinks()
    {
        var closedPort = LoopbackSeq.FreePort();
        var options = SeqOnly(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{closedPort}/")) with { SeqBufferSize = 500 };
        var collected = new CollectingSink();
        var logger = ConrecLogging.CreateLogger(options, "node-a", "rollout", null, writeTo => writeTo.Sink(collected));

        for (var i = 0; i < 10_000; i++)
            logger.Information("Rollout {Index} done", i);
        logger.Dispose();

        Assert.Equal(10_000, collected.Events.Count);
    }

    [Fact]
    public void A_stalled_Seq_holds_at_most_the_buffer_and_one_batch()
    {
        using var seq = new LoopbackSeq();
        seq.Hold();
        var options = SeqOnly(seq.Url) with { SeqBufferSize = 100, SeqBatchSize = 10 };
        var logger = ConrecLogging.CreateLogger(options, "node-a");

        // While Seq keeps the first request waiting, the queue fills to its bound and later events are dropped.
        for (var i = 0; i < 10_000; i++)
            logger.Information("Rollout {Index} done", i);
        seq.Release();
        logger.Dispose();

        var arrived = seq.Events.Count;
        Assert.InRange(arrived, 1, options.SeqBufferSize + options.SeqBatchSize);
        Assert.All(seq.Events, e => Assert.Equal(JsonValueKind.Number, e.GetProperty("Index").ValueKind));
    }
}
