using Akka.Event;
using Serilog.Events;
using AkkaLogEvent = Akka.Event.LogEvent;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// Akka's "standard out" logger (<c>akka.stdout-logger-class</c>, hocon/logging.conf) written to Serilog's
/// <see cref="Serilog.Log.Logger"/> instead of the console: the events Akka logs before its Serilog logger starts,
/// after it stops, and those still queued for it when it stops. Their levels and timestamps are kept; the static
/// logger's sinks and minimum level decide what is shown (Akka.Logger.Serilog reads the same static logger).
/// </summary>
public sealed class AkkaStdoutLogger : MinimalLogger
{
    const string Template = "{LogSource}: {Message}";

    protected override void Log(object message)
    {
        var logger = Serilog.Log.Logger;
        if (message is not AkkaLogEvent logEvent)
        {
            logger.Debug(Template, nameof(AkkaStdoutLogger), message?.ToString());
            return;
        }
        var level = LevelOf(logEvent.LogLevel());
        if (!logger.IsEnabled(level)) return;
        if (!logger.BindMessageTemplate(Template, [logEvent.LogSource, logEvent.Message?.ToString()], out var template, out var properties)) return;
        var timestamp = new DateTimeOffset(DateTime.SpecifyKind(logEvent.Timestamp, DateTimeKind.Utc));
        logger.Write(new Serilog.Events.LogEvent(timestamp, level, logEvent.Cause, template, properties));
    }

    static LogEventLevel LevelOf(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => LogEventLevel.Debug,
        LogLevel.InfoLevel => LogEventLevel.Information,
        LogLevel.WarningLevel => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };
}
