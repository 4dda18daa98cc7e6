using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace CoNRec.Cluster.Observability;

/// <summary>
/// One line per event for a terminal, with only the context the event has:
/// <c>12:04:31 INF node-a/rollout run-20261126-ab12cd grpo-1 #12 v11 | Step 12 of grpo-1: reward 0.412 ...</c>
/// Strings in the message are written bare (no quotes); the exception, if any, follows on its own lines.
/// </summary>
public sealed class ConsoleFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(logEvent.Timestamp.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        output.Write(' ');
        output.Write(LevelCode(logEvent.Level));

        var node = Text(logEvent, LogProperties.Node);
        var role = Text(logEvent, LogProperties.Role);
        if (node is not null || role is not null)
        {
            output.Write(' ');
            output.Write(node is not null && role is not null ? $"{node}/{role}" : node ?? role);
        }

        WriteIfPresent(logEvent, LogProperties.RunId, "", output);
        WriteIfPresent(logEvent, LogProperties.Stage, "", output);
        WriteIfPresent(logEvent, LogProperties.Step, "#", output);
        WriteIfPresent(logEvent, LogProperties.PolicyVersion, "v", output);
        output.Write(" | ");
        WriteMessage(logEvent, output);
        output.WriteLine();
        if (logEvent.Exception is not null)
            output.WriteLine(logEvent.Exception.ToString());
    }

    static void WriteIfPresent(LogEvent logEvent, string property, string prefix, TextWriter output)
    {
        if (Text(logEvent, property) is not { } text)
            return;
        output.Write(' ');
        output.Write(prefix);
        output.Write(text);
    }

    static string? Text(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: { } raw }
            ? Convert.ToString(raw, CultureInfo.InvariantCulture)
            : null;

    static void WriteMessage(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            switch (token)
            {
                case PropertyToken property when logEvent.Properties.TryGetValue(property.PropertyName, out var value):
                    if (value is ScalarValue { Value: string raw })
                        output.Write(raw);
                    else
                        value.Render(output, property.Format, CultureInfo.InvariantCulture);
                    break;
                case TextToken text:
                    output.Write(text.Text);
                    break;
                default:
                    output.Write(token.ToString());
                    break;
            }
        }
    }

    static string LevelCode(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        LogEventLevel.Fatal => "FTL",
        _ => level.ToString().ToUpperInvariant(),
    };
}
