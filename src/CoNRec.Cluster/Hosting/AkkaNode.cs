using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// One ActorSystem configured through Akka.Hosting and run without a generic host: the hosted services Akka.Hosting
/// registers are started here and stopped on dispose, which runs Akka's CoordinatedShutdown (leave the cluster,
/// hand the singleton over, stop actors). <see cref="Stopped"/> fires when the node stops on its own (a failed
/// start, the system terminated).
/// </summary>
public sealed class AkkaNode : IAsyncDisposable
{
    readonly ServiceProvider _services;
    readonly IHostedService[] _hosted;
    readonly NodeLifetime _lifetime;

    AkkaNode(ServiceProvider services, IHostedService[] hosted, NodeLifetime lifetime) => (_services, _hosted, _lifetime) = (services, hosted, lifetime);

    public ActorSystem System => _services.GetRequiredService<ActorSystem>();

    public CancellationToken Stopped => _lifetime.ApplicationStopping;

    public static async Task<AkkaNode> StartAsync(Action<AkkaConfigurationBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var lifetime = new NodeLifetime();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostApplicationLifetime>(lifetime)
            .AddAkka(ClusterNodeOptions.SystemName, configure)
            .BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToArray();
        var node = new AkkaNode(services, hosted, lifetime);
        try
        {
            foreach (var service in hosted) await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        // Akka.Hosting reports a failed start by stopping the application rather than throwing.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("the actor system failed to start (see the log for the cause)");
        }
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosted.Length - 1; i >= 0; i--) await _hosted[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    sealed class NodeLifetime : IHostApplicationLifetime, IDisposable
    {
        readonly CancellationTokenSource _started = new();
        readonly CancellationTokenSource _stopping = new();
        readonly CancellationTokenSource _stopped = new();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => _stopped.Token;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
            _stopped.Dispose();
        }
    }
}
