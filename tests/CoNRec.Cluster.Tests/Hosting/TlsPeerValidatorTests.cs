using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using CoNRec.Cluster.Hosting;

namespace CoNRec.Cluster.Tests.Hosting;

/// <summary>The handshake checks on their own: which certificates a node accepts from a peer.</summary>
public sealed class TlsPeerValidatorTests : IDisposable
{
    const SslPolicyErrors Untrusted = SslPolicyErrors.RemoteCertificateChainErrors;

    readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void Pinning_accepts_the_nodes_own_certificate_and_the_listed_ones_and_nothing_else()
    {
        using var own = Load(_certificates.SelfSigned("own"));
        using var next = Load(_certificates.SelfSigned("next"));
        using var stranger = Load(_certificates.SelfSigned("stranger"));
        var tls = new RemotingTls("unused.pfx", TrustedFingerprints: [Colons(TlsPeerValidator.Fingerprint(next))]);
        var validate = TlsPeerValidator.For(tls, own)!;

        // A self-signed certificate is never trusted by the operating system: the pin alone decides.
        Assert.True(validate(own, null, "peer", Untrusted, NoLogger.Instance));
        Assert.True(validate(next, null, "peer", Untrusted, NoLogger.Instance));
        Assert.False(validate(stranger, null, "peer", SslPolicyErrors.None, NoLogger.Instance));
        Assert.False(validate(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    [Fact]
    public void The_authority_accepts_the_certificates_it_issued_and_refuses_another_authoritys()
    {
        var (authorityPath, authority) = _certificates.Authority("cluster-ca");
        var (_, other) = _certificates.Authority("other-ca");
        using var authorityKey = authority;
        using var otherKey = other;
        using var member = Load(_certificates.IssuedBy(authority, "node-1"));
        using var outsider = Load(_certificates.IssuedBy(other, "node-x"));
        using var selfSigned = Load(_certificates.SelfSigned("node-y"));
        var tls = new RemotingTls("unused.pfx", PeerValidation: TlsPeerValidation.Authority, AuthorityPath: authorityPath);
        var validate = TlsPeerValidator.For(tls, member)!;

        Assert.True(validate(member, null, "peer", Untrusted, NoLogger.Instance));
        Assert.False(validate(outsider, null, "peer", Untrusted, NoLogger.Instance));
        Assert.False(validate(selfSigned, null, "peer", Untrusted, NoLogger.Instance));
        Assert.False(validate(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    [Fact]
    public void Without_peer_validation_there_is_no_check_to_run()
    {
        using var own = Load(_certificates.SelfSigned("own"));

        Assert.Null(TlsPeerValidator.For(new RemotingTls("unused.pfx", PeerValidation: TlsPeerValidation.None), own));
    }

    static X509Certificate2 Load(string path) => X509CertificateLoader.LoadPkcs12FromFile(path, TestCertificates.Password);

    // As openssl prints it: "AB:CD:..."
    static string Colons(string hex) => string.Join(':', hex.Chunk(2).Select(pair => new string(pair)));
}
