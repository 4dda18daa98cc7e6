using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.Client;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using CoNRec.Cluster.Hocon;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Hosting.Jobs;

/// <summary>
/// <c>conrec submit</c> and <c>conrec cancel</c>'s side: a short-lived ActorSystem that is not a cluster member, only
/// remoting and a cluster client of the receptionist at HOST:PORT (any node of the cluster), asks the job desk once
/// and stops. With TLS it presents its certificate to the cluster's nodes as they do to each other (mutual TLS).
/// </summary>
public static class JobClient
{
    /// <summary>Asks the cluster at <paramref name="host"/>:<paramref name="port"/> and returns its answer.</summary>
    /// <param name="clientHostname">The address the cluster answers this process at (the machine's own name or IP
    /// when the cluster is on other machines).</param>
    /// <param name="tls">The cluster's TLS for remoting (<see cref="TlsHosting"/>); null: plain TCP.</param>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/> (the cluster is unreachable, or has no coordinator).</exception>
    public static async Task<IConrecMessage> AskAsync(string host, int port, IConrecMessage request, TimeSpan timeout, string clientHostname = "localhost",
        RemotingTls? tls = null, CancellationToken cancellationToken = default)
    {
        var contact = string.Create(CultureInfo.InvariantCulture, $"{(tls is null ? "akka.tcp" : "akka.ssl.tcp")}://{ClusterNodeOptions.SystemName}@{host}:{port}/system/receptionist");
        var node = await AkkaNode.StartAsync(b => b
            .AddHocon(ConrecHocon.Load(["logging", "serialization", "remote"]), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddSerilogLogging();
            })
            .WithRemoting(clientHostname, 0)
            .WithRemotingTls(tls)
            .WithClusterClient<JobClientKey>([contact]), cancellationToken).ConfigureAwait(false);
        await using (node.ConfigureAwait(false))
        {
            var client = await ActorRegistry.For(node.System).GetAsync<JobClientKey>(cancellationToken).ConfigureAwait(false);
            try
            {
                return await client.Ask<IConrecMessage>(new ClusterClient.Send(JobHosting.JobDeskPath, request, localAffinity: false), timeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"no answer from the cluster at {host}:{port} within {timeout.TotalSeconds:0} s: is a conrec node listening there, and does the cluster have a node with the coordinator role? " +
                    $"A cluster with TLS answers only a client that presents a certificate it trusts (--tls-certificate)"));
            }
        }
    }

    sealed class JobClientKey;
}
