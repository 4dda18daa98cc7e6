using Akka.Actor;
using Akka.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CoNRec.Cluster.Hosting.Bootstrap;

/// <summary>
/// Runs the node's Akka.Hosting health checks that carry one tag: the ActorSystem liveness check
/// (<see cref="LivenessTag"/>) and the cluster readiness check, this node is Up (<see cref="ReadinessTag"/>).
/// The node runs without a generic host, so no HealthCheckService is registered: the registrations are run here.
/// </summary>
internal static class NodeHealth
{
    // The tags Akka.Hosting gives WithActorSystemLivenessCheck and Akka.Cluster.Hosting WithAkkaClusterReadinessCheck.
    public const string LivenessTag = "liveness";
    public const string ReadinessTag = "ready";

    static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Healthy unless a check with the tag is unhealthy (degraded passes); one line per check.</summary>
    public static async Task<(bool Healthy, string Report)> CheckAsync(ActorSystem system, string tag, CancellationToken cancellationToken)
    {
        var services = DependencyResolver.For(system).Resolver.GetService<IServiceProvider>();
        var registrations = services.GetService(typeof(IOptions<HealthCheckServiceOptions>)) is IOptions<HealthCheckServiceOptions> options
            ? options.Value.Registrations.Where(r => r.Tags.Contains(tag)).ToList()
            : [];
        // No check with the tag is a wiring fault, never a pass.
        if (registrations.Count == 0) return (false, $"Unhealthy: no health check is tagged '{tag}'\n");
        var healthy = true;
        var lines = new List<string>(registrations.Count);
        foreach (var registration in registrations)
        {
            var result = await RunAsync(registration, services, cancellationToken).ConfigureAwait(false);
            healthy &= result.Status != HealthStatus.Unhealthy;
            lines.Add($"{result.Status}: {registration.Name}{(result.Description is { } d ? $" ({d})" : "")}");
        }
        return (healthy, string.Join('\n', lines) + "\n");
    }

    static async Task<HealthCheckResult> RunAsync(HealthCheckRegistration registration, IServiceProvider services, CancellationToken cancellationToken)
    {
        var timeout = registration.Timeout > TimeSpan.Zero && registration.Timeout != Timeout.InfiniteTimeSpan ? registration.Timeout : CheckTimeout;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(timeout);
        try
        {
            var check = registration.Factory(services);
            return await check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new HealthCheckResult(registration.FailureStatus, e.Message, e);
        }
    }
}
