using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace CoNRec.Cluster.Observability;

/// <summary>
/// Sits in front of the real sinks and masks configured secrets in each event's message template, property
/// values (nested ones too) and exception text, so a password that slips into a log call never leaves the
/// process. An enricher could not do this: it cannot rewrite the template or the exception.
/// </summary>
internal sealed class RedactingSink(ILogEventSink inner, IEnumerable<string?> secrets) : ILogEventSink, IDisposable
{
    readonly string[] _secrets = Secrets.Normalize(secrets);

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        inner.Emit(_secrets.Length == 0 ? logEvent : Redact(logEvent));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    LogEvent Redact(LogEvent logEvent)
    {
        var changed = false;
        var template = logEvent.MessageTemplate;
        if (Secrets.ContainsAny(template.Text, _secrets))
        {
            template = new MessageTemplateParser().Parse(Secrets.RedactNormalized(template.Text, _secrets));
            changed = true;
        }

        // Most events hold no secret: copy the properties only once one of them changes.
        List<LogEventProperty>? properties = null;
        var index = 0;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = Redact(value);
            if (properties is null && !ReferenceEquals(redacted, value))
                properties = [.. logEvent.Properties.Take(index).Select(p => new LogEventProperty(p.Key, p.Value))];
            properties?.Add(new LogEventProperty(name, redacted));
            index++;
        }

        changed |= properties is not null;

        var exception = logEvent.Exception;
        if (exception is not null && Secrets.ContainsAny(exception.ToString(), _secrets))
        {
            exception = new RedactedException(exception, _secrets);
            changed = true;
        }

        return changed
            ? new LogEvent(
                logEvent.Timestamp, logEvent.Level, exception, template,
                properties ?? logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)),
                logEvent.TraceId ?? default, logEvent.SpanId ?? default)
            : logEvent;
    }

    // Returns the same instance when nothing inside it holds a secret, so clean events are not copied.
    LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => RedactScalar(scalar),
        SequenceValue sequence => RedactAll(sequence.Elements, out var elements) ? new SequenceValue(elements) : value,
        StructureValue structure => RedactStructure(structure),
        DictionaryValue dictionary => RedactDictionary(dictionary),
        _ => value,
    };

    ScalarValue RedactScalar(ScalarValue scalar)
    {
        // Numbers, flags and dates cannot spell a secret; anything else is judged by the text it renders as.
        if (scalar.Value is null or bool or byte or sbyte or short or ushort or int or uint or long or ulong
            or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum)
            return scalar;
        var text = scalar.Value as string ?? Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return Secrets.ContainsAny(text, _secrets) ? new ScalarValue(Secrets.RedactNormalized(text, _secrets)) : scalar;
    }

    bool RedactAll(IReadOnlyList<LogEventPropertyValue> values, out LogEventPropertyValue[] redacted)
    {
        var changed = false;
        redacted = new LogEventPropertyValue[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            redacted[i] = Redact(values[i]);
            changed |= !ReferenceEquals(redacted[i], values[i]);
        }

        return changed;
    }

    LogEventPropertyValue RedactStructure(StructureValue structure)
    {
        var changed = false;
        var properties = new LogEventProperty[structure.Properties.Count];
        for (var i = 0; i < properties.Length; i++)
        {
            var property = structure.Properties[i];
            var redacted = Redact(property.Value);
            changed |= !ReferenceEquals(redacted, property.Value);
            properties[i] = new LogEventProperty(property.Name, redacted);
        }

        return changed ? new StructureValue(properties, structure.TypeTag) : structure;
    }

    LogEventPropertyValue RedactDictionary(DictionaryValue dictionary)
    {
        var changed = false;
        var entries = new List<KeyValuePair<ScalarValue, LogEventPropertyValue>>(dictionary.Elements.Count);
        foreach (var (key, value) in dictionary.Elements)
        {
            var redactedKey = RedactScalar(key);
            var redactedValue = Redact(value);
            changed |= !ReferenceEquals(redactedKey, key) || !ReferenceEquals(redactedValue, value);
            entries.Add(new(redactedKey, redactedValue));
        }

        return changed ? new DictionaryValue(entries) : dictionary;
    }
}

/// <summary>Stands in for an exception whose text held a secret; renders as the original text, masked.</summary>
internal sealed class RedactedException(Exception original, IReadOnlyList<string> secrets)
    : Exception(Secrets.RedactNormalized(original.Message, secrets))
{
    readonly string _text = Secrets.RedactNormalized(original.ToString(), secrets);

    public override string? StackTrace => null;

    public override string ToString() => _text;
}
