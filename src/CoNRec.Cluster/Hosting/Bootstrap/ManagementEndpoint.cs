using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newtonsoft.Json;

namespace CoNRec.Cluster.Hosting.Bootstrap;

/// <summary>
/// The node's management endpoint on Kestrel: the contact point cluster bootstrap probes
/// (GET <see cref="SeedNodesPath"/>, the same JSON as Akka.Management's route) and the probes' health routes
/// (GET <see cref="AlivePath"/>, <see cref="ReadyPath"/>: 200, or 503 with the failing checks).
/// </summary>
/// <remarks>
/// Akka.Management 1.5.73 serves its routes on Ceen through Akka.Http.Shim, built against Ceen.Httpd 0.9.9; the
/// package registry holds only 0.9.10, whose HttpServer.ListenAsync changed signature, so that server cannot start
/// (MissingMethodException). ASP.NET Core is in the node already (the data plane), and the contact-point protocol is
/// one GET; Akka.Management still does the discovery, the probing and the join decision.
/// </remarks>
public sealed class ManagementEndpoint : IAsyncDisposable
{
    public const string AlivePath = "/alive";
    public const string ReadyPath = "/ready";
    public const string SeedNodesPath = "/bootstrap/seed-nodes";

    // As many members as Akka.Management's route exposes by default: enough to join through.
    const int MaxSeedNodes = 5;
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    readonly WebApplication _app;
    int _disposed;

    ManagementEndpoint(WebApplication app) => _app = app;

    /// <exception cref="IOException">The port is in use or cannot be bound.</exception>
    public static async Task<ManagementEndpoint> StartAsync(ActorSystem system, IPAddress bindAddress, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(bindAddress);
        // The empty builder: no configuration files, no console logger, no environment variables read behind our back.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(bindAddress, port);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        var app = builder.Build();
        app.Run(context => HandleAsync(system, context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new ManagementEndpoint(app);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    static Task HandleAsync(ActorSystem system, HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET";
            return Task.CompletedTask;
        }
        return context.Request.Path.Value switch
        {
            AlivePath => HealthAsync(system, NodeHealth.LivenessTag, context),
            ReadyPath => HealthAsync(system, NodeHealth.ReadinessTag, context),
            SeedNodesPath => SeedNodesAsync(system, context),
            _ => NotFound(context),
        };
    }

    static async Task HealthAsync(ActorSystem system, string tag, HttpContext context)
    {
        var (healthy, report) = await NodeHealth.CheckAsync(system, tag, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(report, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// This node's address and the members a joining node may contact (none before this node has joined: it is then
    /// counted as a contact point only); 503 while this node is on its way out.
    /// </summary>
    static async Task SeedNodesAsync(ActorSystem system, HttpContext context)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (IsLeaving(cluster))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var state = cluster.State;
        var members = state.Members
            .Where(m => !state.Unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
            .Take(MaxSeedNodes)
            .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
            .ToImmutableList();
        // Akka.Management's own types and serializer: the probing side reads them back with JsonConvert.
        var json = JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(cluster.SelfMember.UniqueAddress.Address, members));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    // Before it joins, a node's SelfMember reads Removed too: it must still answer (with no members), or no contact
    // point is ever confirmed and no cluster forms. The node stops this endpoint before it leaves on purpose.
    static bool IsLeaving(Akka.Cluster.Cluster cluster) =>
        cluster.SelfMember.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving
        || (cluster.SelfMember.Status == MemberStatus.Removed && !cluster.State.Members.IsEmpty);

    static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
