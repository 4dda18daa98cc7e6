using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CoNRec.Cluster.Tests.Observability;

/// <summary>One HTTP request as the fake Seq server saw it; <see cref="Events"/> parses the CLEF body.</summary>
internal sealed record SeqRequest(string Method, string PathAndQuery, string? ContentType, string? ApiKey, string Body)
{
    public IReadOnlyList<JsonElement> Events =>
        [.. Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())];
}

/// <summary>
/// A stand-in for Seq's ingestion API on 127.0.0.1: it records each POST and answers 201 as Seq does.
/// While <see cref="Hold"/> is in force it keeps each request waiting, like a server that has stopped answering.
/// </summary>
internal sealed class LoopbackSeq : IDisposable
{
    readonly HttpListener _listener = new();
    readonly ConcurrentQueue<SeqRequest> _requests = new();
    readonly Task _loop;
    TaskCompletionSource _release = CompletedSource();

    public LoopbackSeq()
    {
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<SeqRequest> Requests => [.. _requests];

    public IReadOnlyList<JsonElement> Events => [.. Requests.SelectMany(r => r.Events)];

    /// <summary>Holds every response until <see cref="Release"/>.</summary>
    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    /// <summary>A loopback port nothing listens on (free a moment ago).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        Release();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: that is how the loop ends.
        }
    }

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _requests.Enqueue(new SeqRequest(
                context.Request.HttpMethod,
                context.Request.Url!.PathAndQuery,
                context.Request.ContentType,
                context.Request.Headers["X-Seq-ApiKey"],
                body));

            await _release.Task;
            context.Response.StatusCode = 201;
            var answer = Encoding.UTF8.GetBytes("{\"MinimumLevelAccepted\":null}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
