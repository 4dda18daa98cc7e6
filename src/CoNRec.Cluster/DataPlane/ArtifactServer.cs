using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Hosting;
using ILogger = Serilog.ILogger;

namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// A node's artifacts over HTTP: Kestrel serving the files under one root, read-only (GET and HEAD), with
/// Content-Length, byte ranges and ETags from ASP.NET Core's static file middleware, which sends through the
/// response's SendFileAsync (on Kestrel a pooled copy from the file into the socket's pipe, not the kernel's
/// sendfile; the benchmark measures it against a local copy). Requests that leave the root or name hidden
/// entries (an <see cref="Model.Checkpoints.AtomicFolder"/> being written, the fetch cache) are refused.
/// Receivers check every file's sha256, so the server promises bytes, not trust.
/// </summary>
public sealed class ArtifactServer : IAsyncDisposable
{
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    readonly WebApplication _app;
    readonly PhysicalFileProvider _files;
    readonly ILogger _log;
    int _disposed;

    ArtifactServer(WebApplication app, PhysicalFileProvider files, string root, Uri baseUri, ILogger log) =>
        (_app, _files, Root, BaseUri, _log) = (app, files, root, baseUri, log);

    /// <summary>The served folder (full path).</summary>
    public string Root { get; }

    /// <summary>The advertised address with the bound port, ending in '/': a file's URI is this plus its path under <see cref="Root"/>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Describes files and folders under <see cref="Root"/> by their URIs on this server.</summary>
    public ArtifactPublisher Publisher => ArtifactPublisher.Http(Root, BaseUri);

    /// <exception cref="ArgumentException">An option is invalid (names the setting).</exception>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public static async Task<ArtifactServer> StartAsync(ArtifactServerOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var root = Path.GetFullPath(options.Root);
        Directory.CreateDirectory(root);

        // The empty builder: no configuration files, no console logger, no environment variables read behind our back.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = root });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress, options.Port);
        });
        // A peer stuck mid-transfer must not hold the node's shutdown long: fetchers retry elsewhere or later.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        var app = builder.Build();
        var files = new PhysicalFileProvider(root, ExclusionFilters.Sensitive);
        app.Use(RefuseOutsideRequests(logger));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
        });
        app.Run(context => NotFound(context, logger));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            files.Dispose();
            throw;
        }
        var bound = BoundPort(app);
        var baseUri = new UriBuilder(Uri.UriSchemeHttp, options.EffectiveAdvertisedHost, bound, "/").Uri;
        logger.Information("Data plane serving {Root} on {BindHost}:{Port} as {BaseUri}", root, options.BindHost, bound, baseUri);
        return new ArtifactServer(app, files, root, baseUri, logger);
    }

    /// <summary>Stops accepting requests, gives the ones in flight up to 5 s to finish and closes the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _files.Dispose();
        _log.Information("Data plane at {BaseUri} stopped", BaseUri);
    }

    static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }

    /// <summary>Only GET and HEAD; no path that climbs out of the root or names a hidden entry; each request logged.</summary>
    static Func<HttpContext, RequestDelegate, Task> RefuseOutsideRequests(ILogger log) => async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }
        var path = request.Path.Value ?? "";
        if (!ArtifactPaths.IsServable(path))
        {
            log.Warning("Data plane refused {Method} {Path} from {Remote}: not a path under the root", request.Method, path, context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context).ConfigureAwait(false);
        log.Debug("Data plane {Method} {Path} -> {Status} ({Bytes} bytes) to {Remote}", request.Method, path, context.Response.StatusCode,
            context.Response.ContentLength, context.Connection.RemoteIpAddress);
    };

    static Task NotFound(HttpContext context, ILogger log)
    {
        log.Debug("Data plane has no {Path}", context.Request.Path.Value);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
