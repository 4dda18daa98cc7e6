using System.Collections.Concurrent;
using CoNRec.Cluster.Pipeline;

namespace CoNRec.Cluster.Tests.Pipeline;

/// <summary>Keeps every progress report of a pipeline run, in the order they arrived.</summary>
public sealed class ProgressRecorder : IProgress<PipelineProgress>
{
    readonly ConcurrentQueue<PipelineProgress> _reports = new();

    public IReadOnlyList<PipelineProgress> Reports => [.. _reports];

    public IReadOnlyList<PipelineProgress> Of(string stage) => [.. _reports.Where(r => r.Stage == stage)];

    public void Report(PipelineProgress value) => _reports.Enqueue(value);
}
