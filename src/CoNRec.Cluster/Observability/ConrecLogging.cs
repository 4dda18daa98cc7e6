using System.Globalization;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;

namespace CoNRec.Cluster.Observability;

/// <summary>Builds the process's Serilog logger: console and Seq, every event tagged with Node and Role.</summary>
public static class ConrecLogging
{
    // A Seq host that swallows packets must not hold shutdown (the final flush) for HttpClient's 100 s default.
    static readonly TimeSpan SeqConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A logger writing to the console (if enabled) and to Seq (if <see cref="LoggingOptions.SeqUrl"/> is set).
    /// Seq gets events in batches from a bounded in-memory queue (<see cref="LoggingOptions.SeqBufferSize"/>)
    /// on a background task: a slow or unreachable Seq drops events rather than blocking or throwing into the
    /// caller. The Seq API key and <paramref name="secrets"/> (e.g. the PostgreSQL password) are masked in
    /// everything the sinks receive. Dispose the logger at exit: that flushes what is still queued.
    /// </summary>
    public static Logger CreateLogger(LoggingOptions options, string node, string? role = null, IEnumerable<string?>? secrets = null) =>
        CreateLogger(options, node, role, secrets, extraSinks: null);

    /// <param name="extraSinks">More sinks behind the same redaction (tests use it to see what sinks receive).</param>
    internal static Logger CreateLogger(
        LoggingOptions options, string node, string? role, IEnumerable<string?>? secrets, Action<LoggerSinkConfiguration>? extraSinks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        options.Validate();

        var sinks = LoggerSinkConfiguration.CreateSink(writeTo =>
        {
            if (options.Console)
                writeTo.Console(new ConsoleFormatter());
            if (options.SeqUrl is not null)
                AddSeq(writeTo, options);
            extraSinks?.Invoke(writeTo);
        });

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.MinimumLevel)
            .Enrich.FromLogContext()
            .Enrich.WithProperty(LogProperties.Node, node);
        if (role is not null)
            configuration = configuration.Enrich.WithProperty(LogProperties.Role, role);

        var allSecrets = (secrets ?? []).Append(options.SeqApiKey);
        return configuration.WriteTo.Sink(new RedactingSink(sinks, allSecrets)).CreateLogger();
    }

    static void AddSeq(LoggerSinkConfiguration writeTo, LoggingOptions options) =>
        writeTo.Seq(
            options.SeqUrl!,
            batchPostingLimit: options.SeqBatchSize,
            apiKey: options.SeqApiKey,
            messageHandler: new SocketsHttpHandler
            {
                ConnectTimeout = SeqConnectTimeout,
                // Re-resolve the Seq host now and then, so a moved server is found again.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            },
            queueSizeLimit: options.SeqBufferSize,
            formatProvider: CultureInfo.InvariantCulture);
}
