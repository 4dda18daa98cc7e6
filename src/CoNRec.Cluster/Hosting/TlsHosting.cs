using Akka.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// Turns on TLS for Akka remoting from a <see cref="RemotingTls"/>. The certificate goes to Akka as a
/// <see cref="DotNettySslSetup"/> object rather than as HOCON paths, so its password never enters the
/// ActorSystem's configuration (which Akka can log) and the peer check can be ours (<see cref="TlsPeerValidator"/>).
/// hocon/remote.conf's frame and buffer sizes still apply: only <c>enable-ssl</c> is added.
/// </summary>
public static class TlsHosting
{
    /// <summary>Nothing when <paramref name="tls"/> is null (plain TCP); otherwise the node speaks only TLS, at akka.ssl.tcp:// addresses.</summary>
    public static AkkaConfigurationBuilder WithRemotingTls(this AkkaConfigurationBuilder builder, RemotingTls? tls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (tls is null) return builder;
        var certificate = tls.LoadCertificate();
        var validator = TlsPeerValidator.For(tls, certificate);
        var checkPeers = validator is not null;
        builder
            .AddHocon("akka.remote.dot-netty.tcp.enable-ssl = on", HoconAddMode.Prepend)
            // Mutual authentication makes the accepting node ask for, and check, the connecting node's certificate too.
            .AddSetup(new DotNettySslSetup(certificate, suppressValidation: !checkPeers, requireMutualAuthentication: checkPeers,
                validateCertificateHostname: false, customValidator: validator))
            .AddStartup((system, _) => system.RegisterOnTermination(certificate.Dispose));
        return builder;
    }
}
