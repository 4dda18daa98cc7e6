using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Tests.Hosting;
using CoNRec.Storage.Tests.Postgres;

namespace CoNRec.Cli.Tests.Commands.Jobs;

/// <summary>A <c>conrec node</c> process with TLS on, and <c>conrec cancel</c> reaching it with and without the cluster's certificate.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TlsJobTests(PostgresServerFixture server) : IDisposable
{
    const string Unknown = "run-20200101-000000";

    readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Cancel_gets_the_clusters_answer_over_tls_and_none_without_the_clusters_certificate()
    {
        var certificate = _certificates.SelfSigned("cluster");
        await using var cluster = await TestCluster.CreateAsync(server);
        // The node reads the password from the variable, the client from a file: both ways in.
        cluster.Start("coordinator", ["--tls-certificate", certificate], new Dictionary<string, string> { [RemotingTls.DefaultPasswordVariable] = TestCertificates.Password });
        string[] cancel = ["cancel", Unknown, "--cluster", cluster.Address(0)];

        var withTls = await Conrec.RunAsync([.. cancel, "--timeout", "60", "--tls-certificate", certificate, "--tls-password-file", _certificates.PasswordFile()]);
        var plain = await Conrec.RunAsync([.. cancel, "--timeout", "5"]);
        var stranger = await Conrec.RunAsync([.. cancel, "--timeout", "5", "--tls-certificate", _certificates.SelfSigned("stranger"), "--tls-password-file", _certificates.PasswordFile()]);

        Assert.Equal(ExitCodes.BadInput, withTls.ExitCode);
        Assert.Contains($"no run {Unknown} was submitted to this cluster", Assert.Single(withTls.ErrorLines), StringComparison.Ordinal);
        foreach (var refused in new[] { plain, stranger })
        {
            Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
            Assert.Contains($"no answer from the cluster at {cluster.Address(0)} within 5 s", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
        }
        Assert.False(cluster[0].HasExited, $"the node stopped\n{cluster}");
        foreach (var output in new[] { withTls.ToString(), plain.ToString(), stranger.ToString(), cluster.ToString() })
            Assert.DoesNotContain(TestCertificates.Password, output, StringComparison.Ordinal);
    }
}
