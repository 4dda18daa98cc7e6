using CoNRec.Core.Runs;
using Serilog;
using Serilog.Context;
using Serilog.Core.Enrichers;

namespace CoNRec.Cluster.Observability;

/// <summary>Attach run context to events, either to a logger (actors) or to the current async flow.</summary>
public static class LogScopes
{
    /// <summary>A logger whose events carry RunId and, when given, Stage.</summary>
    public static ILogger ForRun(this ILogger logger, RunId run, string? stage = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var scoped = logger.ForContext(LogProperties.RunId, run.Value);
        return stage is null ? scoped : scoped.ForContext(LogProperties.Stage, stage);
    }

    /// <summary>A logger whose events carry Step and PolicyVersion.</summary>
    public static ILogger ForStep(this ILogger logger, long step, PolicyVersion policyVersion)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.ForContext(LogProperties.Step, step).ForContext(LogProperties.PolicyVersion, policyVersion.Value);
    }

    /// <summary>
    /// Pushes RunId and Stage onto <see cref="LogContext"/> until disposed; events written on this async flow
    /// carry them (loggers from <see cref="ConrecLogging"/> read the context).
    /// </summary>
    public static IDisposable Push(RunId run, string? stage = null) =>
        stage is null
            ? LogContext.PushProperty(LogProperties.RunId, run.Value)
            : LogContext.Push(new PropertyEnricher(LogProperties.RunId, run.Value), new PropertyEnricher(LogProperties.Stage, stage));
}
