using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Tests.Hosting;

namespace CoNRec.Cli.Tests.Commands.Node;

/// <summary>The TLS flags of <c>conrec node</c>, <c>submit</c> and <c>cancel</c>: refusals exit 2 before anything starts, naming the flag and the file.</summary>
public sealed class TlsFlagsTests : IDisposable
{
    const string WrongPassword = "also-not-the-secret";

    readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    /// <summary>Each command as far as its other flags go: TLS is what is wrong.</summary>
    static string[] Command(string name) => name switch
    {
        "node" => ["node", "--roles", "rollout", "--seed", "localhost:4053"],
        "submit" => ["submit", "--demo", "--cluster", "localhost:4053"],
        _ => ["cancel", "run-20200101-000000", "--cluster", "localhost:4053"],
    };

    [Theory]
    [InlineData("node")]
    [InlineData("submit")]
    [InlineData("cancel")]
    public async Task A_missing_certificate_file_is_bad_input_naming_the_flag_and_the_file(string command)
    {
        var missing = Path.Combine(_certificates.Folder, "missing.pfx");

        var result = await Conrec.RunAsync([.. Command(command), "--tls-certificate", missing]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--tls-certificate: file not found: '{missing}'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("submit")]
    [InlineData("cancel")]
    public async Task A_wrong_password_from_a_password_file_is_bad_input_that_shows_no_password(string command)
    {
        var certificate = _certificates.SelfSigned("cluster");
        var passwordFile = _certificates.PasswordFile(WrongPassword);

        var result = await Conrec.RunAsync([.. Command(command), "--tls-certificate", certificate, "--tls-password-file", passwordFile]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--tls-certificate: cannot read '{certificate}' as PKCS#12 with the password from --tls-password-file ('{passwordFile}')",
            Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestCertificates.Password, result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("cancel")]
    public async Task Authority_validation_without_an_authority_is_bad_input_naming_the_flag(string command)
    {
        var result = await Conrec.RunAsync([.. Command(command), .. Tls(), "--tls-peer-validation", "authority"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--tls-authority (or {NodeVariables.TlsAuthority}) must be set when --tls-peer-validation is authority",
            Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("cancel")]
    public async Task A_fingerprint_that_is_not_hex_is_bad_input_naming_the_flag(string command)
    {
        var result = await Conrec.RunAsync([.. Command(command), .. Tls(), "--tls-trusted-fingerprint", "not:a:fingerprint"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--tls-trusted-fingerprint: 'not:a:fingerprint' is not a SHA-256 fingerprint", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_peer_validation_is_bad_input_naming_the_choices()
    {
        var result = await Conrec.RunAsync([.. Command("node"), .. Tls(), "--tls-peer-validation", "trust-me"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--tls-peer-validation 'trust-me' must be pinned, authority or none", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_flag_without_a_certificate_is_bad_input_rather_than_plain_tcp()
    {
        var result = await Conrec.RunAsync([.. Command("cancel"), "--tls-password-file", _certificates.PasswordFile()]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--tls-password-file needs --tls-certificate (or {NodeVariables.TlsCertificate})", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_variables_stand_in_for_the_flags_and_errors_name_the_variable()
    {
        var missing = Path.Combine(_certificates.Folder, "missing.pfx");
        using var node = ConrecProcess.Start(new Dictionary<string, string> { [NodeVariables.TlsCertificate] = missing }, Command("node"));

        var exit = await node.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.True(node.ErrorContains($"error: {NodeVariables.TlsCertificate}: file not found: '{missing}'"), node.ToString());
    }

    string[] Tls() => ["--tls-certificate", _certificates.SelfSigned("cluster"), "--tls-password-file", _certificates.PasswordFile()];
}
