using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Tests.Hosting;

/// <summary>A TLS setting that cannot work is refused before any ActorSystem starts, with the setting named.</summary>
public sealed class RemotingTlsTests : IDisposable
{
    readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void A_readable_certificate_with_its_password_file_passes()
    {
        var tls = new RemotingTls(_certificates.SelfSigned("node"), PasswordFile: _certificates.PasswordFile());

        Assert.Same(tls, tls.Validate());
    }

    [Fact]
    public void The_password_comes_from_the_named_environment_variable()
    {
        var variable = $"CONREC_TEST_TLS_PASSWORD_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "from-the-environment");
        try
        {
            var tls = new RemotingTls(_certificates.SelfSigned("node", "from-the-environment"), PasswordVariable: variable);

            Assert.Same(tls, tls.Validate());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_missing_certificate_file_is_refused_naming_the_setting()
    {
        var missing = Path.Combine(_certificates.Folder, "absent.pfx");

        var error = Assert.Throws<ArgumentException>(() => new RemotingTls(missing).Validate());

        Assert.StartsWith("cluster.tls.certificatePath: file not found", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_is_refused_naming_the_setting_and_never_showing_the_password()
    {
        var path = _certificates.SelfSigned("node");
        var wrong = _certificates.PasswordFile("a-wrong-password");

        var error = Assert.Throws<ArgumentException>(() => new RemotingTls(path, PasswordFile: wrong).Validate());

        Assert.StartsWith("cluster.tls.certificatePath: cannot read", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster.tls.passwordFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_pkcs12_is_refused_as_unreadable()
    {
        var path = Path.Combine(_certificates.Folder, "notes.pfx");
        File.WriteAllText(path, "not a certificate");

        var error = Assert.Throws<ArgumentException>(() => new RemotingTls(path, PasswordFile: _certificates.PasswordFile()).Validate());

        Assert.StartsWith("cluster.tls.certificatePath: cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new RemotingTls(_certificates.WithoutKey("public-only"), PasswordFile: _certificates.PasswordFile()).Validate());

        Assert.StartsWith("cluster.tls.certificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        var path = _certificates.SelfSigned("old", notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        var error = Assert.Throws<ArgumentException>(() => new RemotingTls(path, PasswordFile: _certificates.PasswordFile()).Validate());

        Assert.StartsWith("cluster.tls.certificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("valid only from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_fingerprint_that_is_not_sha256_is_refused()
    {
        var tls = new RemotingTls(_certificates.SelfSigned("node"), PasswordFile: _certificates.PasswordFile(), TrustedFingerprints: ["AB:CD:EF"]);

        var error = Assert.Throws<ArgumentException>(() => tls.Validate());

        Assert.StartsWith("cluster.tls.trustedFingerprints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_not_issued_by_the_authority_is_refused()
    {
        var (authorityPath, authority) = _certificates.Authority("cluster-ca");
        using var _ = authority;
        var tls = new RemotingTls(_certificates.SelfSigned("stray"), PasswordFile: _certificates.PasswordFile(),
            PeerValidation: TlsPeerValidation.Authority, AuthorityPath: authorityPath);

        var error = Assert.Throws<ArgumentException>(() => tls.Validate());

        Assert.StartsWith("cluster.tls.certificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster.tls.authorityPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_options_with_tls_refuse_a_plain_tcp_seed_and_check_the_certificate()
    {
        var tls = new RemotingTls(_certificates.SelfSigned("node"), PasswordFile: _certificates.PasswordFile());
        var node = new ClusterNodeOptions([RoleNames.Reward], SeedNodes: ["akka.tcp://conrec@localhost:4053"], Tls: tls);

        var plainSeed = Assert.Throws<ArgumentException>(() => node.Validate());
        var badPath = Assert.Throws<ArgumentException>(() =>
            (node with { SeedNodes = ["akka.ssl.tcp://conrec@localhost:4053"], Tls = tls with { CertificatePath = "absent.pfx" } }).Validate());

        Assert.StartsWith("cluster.seedNodes", plainSeed.Message, StringComparison.Ordinal);
        Assert.Contains("akka.ssl.tcp://", plainSeed.Message, StringComparison.Ordinal);
        Assert.StartsWith("cluster.tls.certificatePath", badPath.Message, StringComparison.Ordinal);
    }
}
