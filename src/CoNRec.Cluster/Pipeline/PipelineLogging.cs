using CoNRec.Cluster.Observability;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CoNRec.Cluster.Pipeline;

/// <summary>
/// The logger of <c>conrec train</c>: <see cref="ConrecLogging"/>'s console format written to the given writer (the
/// CLI's stderr, so stdout keeps only results), plus Seq when configured. Secrets are redacted as everywhere.
/// </summary>
public static class PipelineLogging
{
    public static Logger Create(LoggingOptions options, TextWriter console, string node = "train")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var toConsole = options.Console;
        return ConrecLogging.CreateLogger(options with { Console = false }, node, role: null, secrets: null,
            writeTo =>
            {
                if (toConsole) writeTo.Sink(new WriterSink(console, new ConsoleFormatter()));
            });
    }

    sealed class WriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
    {
        readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
