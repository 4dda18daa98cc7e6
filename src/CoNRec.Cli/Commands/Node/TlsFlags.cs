using System.CommandLine;
using CoNRec.Cluster.Hosting;

namespace CoNRec.Cli.Commands.Node;

/// <summary>
/// The TLS flags of <c>conrec node</c>, <c>conrec submit</c> and <c>conrec cancel</c> (docs/cluster-tls.md), each with
/// its environment fallback (<see cref="NodeVariables"/>). <c>--tls-certificate</c> turns TLS on; the certificate's
/// password is never a flag: it comes from <c>--tls-password-file</c> or <see cref="RemotingTls.DefaultPasswordVariable"/>.
/// </summary>
internal sealed record TlsFlags(Option<string?> Certificate, Option<string?> PasswordFile, Option<string?> PeerValidation, Option<string[]> Fingerprints,
    Option<string?> Authority)
{
    public static TlsFlags Create() => new(
        new Option<string?>("--tls-certificate") { Description = $"TLS for Akka remoting: this process's PKCS#12 certificate and key (default: {NodeVariables.TlsCertificate}; unset: plain TCP)" },
        new Option<string?>("--tls-password-file") { Description = $"a file holding the certificate's password (default: {NodeVariables.TlsPasswordFile}, else the password is {RemotingTls.DefaultPasswordVariable})" },
        new Option<string?>("--tls-peer-validation") { Description = $"how peers' certificates are checked: pinned, authority or none (default: {NodeVariables.TlsPeerValidation}, else pinned)" },
        new Option<string[]>("--tls-trusted-fingerprint") { Description = $"with pinned: the SHA-256 fingerprint of a further accepted certificate; repeatable (default: {NodeVariables.TlsTrustedFingerprints}, comma-separated)" },
        new Option<string?>("--tls-authority") { Description = $"with authority: the cluster CA's certificate, PEM or DER (default: {NodeVariables.TlsAuthority})" });

    public IEnumerable<Option> All => [Certificate, PasswordFile, PeerValidation, Fingerprints, Authority];

    /// <summary>The TLS settings given, loaded and checked; null when no certificate is given (plain TCP).</summary>
    /// <exception cref="BadInputException">A value is unusable: names the flag (or its variable) and the file, never the password.</exception>
    public RemotingTls? Parse(ParseResult result, Func<string, string?> environment)
    {
        var certificate = Value(result, Certificate, NodeVariables.TlsCertificate, environment);
        var passwordFile = Value(result, PasswordFile, NodeVariables.TlsPasswordFile, environment);
        var validation = Value(result, PeerValidation, NodeVariables.TlsPeerValidation, environment);
        var fingerprints = result.GetValue(Fingerprints) is { Length: > 0 } given
            ? new Setting<IReadOnlyList<string>>(given, Fingerprints.Name)
            : environment(NodeVariables.TlsTrustedFingerprints) is { Length: > 0 } listed
                ? new Setting<IReadOnlyList<string>>(listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), NodeVariables.TlsTrustedFingerprints)
                : null;
        var authority = Value(result, Authority, NodeVariables.TlsAuthority, environment);

        if (certificate is null)
        {
            // A TLS setting without a certificate would silently leave remoting in plain TCP.
            var stray = new[] { passwordFile?.Source, validation?.Source, fingerprints?.Source, authority?.Source }.FirstOrDefault(s => s is not null);
            return stray is null ? null : throw new BadInputException($"{stray} needs --tls-certificate (or {NodeVariables.TlsCertificate}): TLS is off without a certificate");
        }
        var tls = new RemotingTls(certificate.Value, passwordFile?.Value, RemotingTls.DefaultPasswordVariable, Mode(validation), fingerprints?.Value, authority?.Value);
        try
        {
            return tls.Validate();
        }
        catch (ArgumentException e)
        {
            // RemotingTls names its settings as in code; on the command line they are these flags or variables.
            throw new BadInputException(e.Message
                .Replace("cluster.tls.certificatePath", certificate.Source, StringComparison.Ordinal)
                .Replace("cluster.tls.passwordFile", passwordFile?.Source ?? PasswordFile.Name, StringComparison.Ordinal)
                .Replace("cluster.tls.passwordVariable", "the environment", StringComparison.Ordinal)
                .Replace("cluster.tls.peerValidation", validation?.Source ?? PeerValidation.Name, StringComparison.Ordinal)
                .Replace("cluster.tls.trustedFingerprints", fingerprints?.Source ?? Fingerprints.Name, StringComparison.Ordinal)
                .Replace("cluster.tls.authorityPath", authority?.Source ?? $"{Authority.Name} (or {NodeVariables.TlsAuthority})", StringComparison.Ordinal));
        }
    }

    static TlsPeerValidation Mode(Setting<string>? validation) => validation?.Value.ToLowerInvariant() switch
    {
        null or "pinned" => TlsPeerValidation.Pinned,
        "authority" => TlsPeerValidation.Authority,
        "none" => TlsPeerValidation.None,
        _ => throw new BadInputException($"{validation!.Source} '{validation.Value}' must be pinned, authority or none"),
    };

    static Setting<string>? Value(ParseResult result, Option<string?> option, string variable, Func<string, string?> environment) =>
        result.GetValue(option) is { } given ? new(given, option.Name)
        : environment(variable) is { Length: > 0 } set ? new(set, variable)
        : null;

    /// <summary>A value and where it came from (the flag, or its variable), for errors.</summary>
    sealed record Setting<T>(T Value, string Source);
}
