using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CoNRec.Cluster.Tests.Observability;

/// <summary>Keeps every event it receives, to check what the logging pipeline hands its sinks.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
