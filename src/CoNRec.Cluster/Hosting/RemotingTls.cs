using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// TLS for Akka remoting (docs/cluster-tls.md). Every node presents <paramref name="CertificatePath"/> and, unless
/// <paramref name="PeerValidation"/> is <see cref="TlsPeerValidation.None"/>, both ends of every connection check
/// the other's certificate, so a node without a trusted certificate cannot join.
/// </summary>
/// <param name="CertificatePath">A PKCS#12 file (.pfx/.p12) holding this node's certificate and its private key.</param>
/// <param name="PasswordFile">A file whose content (trailing newline dropped) is the PKCS#12 password; wins over the variable.</param>
/// <param name="PasswordVariable">The environment variable holding the password when no file is given; unset: no password.</param>
/// <param name="PeerValidation">How a peer's certificate is checked.</param>
/// <param name="TrustedFingerprints">With <see cref="TlsPeerValidation.Pinned"/>: SHA-256 fingerprints of further
/// accepted certificates (e.g. the next one during a rotation), hex with or without colons.</param>
/// <param name="AuthorityPath">With <see cref="TlsPeerValidation.Authority"/>: the cluster's CA certificate (PEM or DER).</param>
public sealed record RemotingTls(
    string CertificatePath,
    string? PasswordFile = null,
    string PasswordVariable = RemotingTls.DefaultPasswordVariable,
    TlsPeerValidation PeerValidation = TlsPeerValidation.Pinned,
    IReadOnlyList<string>? TrustedFingerprints = null,
    string? AuthorityPath = null)
{
    public const string DefaultPasswordVariable = "CONREC_TLS_PASSWORD";

    /// <summary>Checks every setting by loading the certificate (and the authority); the error names the setting.</summary>
    public RemotingTls Validate()
    {
        using var certificate = LoadCertificate();
        using var authority = PeerValidation == TlsPeerValidation.Authority ? LoadAuthority() : null;
        if (!TlsPeerValidator.IsCurrent(certificate))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"cluster.tls.certificatePath: the certificate in '{CertificatePath}' is valid only from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}"));
        if (PeerValidation == TlsPeerValidation.Pinned)
            _ = Fingerprints();
        if (authority is not null && !TlsPeerValidator.ChainsTo(certificate, authority, extra: null))
            throw new ArgumentException($"cluster.tls.certificatePath: the certificate in '{CertificatePath}' is not issued by the authority in cluster.tls.authorityPath ('{AuthorityPath}')");
        return this;
    }

    /// <summary>This node's certificate with its private key; the caller disposes it.</summary>
    internal X509Certificate2 LoadCertificate()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath)) throw new ArgumentException("cluster.tls.certificatePath must be set when TLS is on");
        if (!File.Exists(CertificatePath)) throw new ArgumentException($"cluster.tls.certificatePath: file not found: '{CertificatePath}'");
        var password = Password(out var source);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (CryptographicException e)
        {
            // The message never carries the password, only where it came from.
            throw new ArgumentException($"cluster.tls.certificatePath: cannot read '{CertificatePath}' as PKCS#12 with the password from {source} (wrong password, or not a .pfx/.p12 file): {e.Message}", e);
        }
        if (!HasUsablePrivateKey(certificate))
        {
            certificate.Dispose();
            throw new ArgumentException($"cluster.tls.certificatePath: '{CertificatePath}' holds no usable RSA or ECDSA private key (export the PKCS#12 with its key)");
        }
        return certificate;
    }

    /// <summary>The CA certificate of <see cref="AuthorityPath"/>; the caller disposes it.</summary>
    internal X509Certificate2 LoadAuthority()
    {
        if (string.IsNullOrWhiteSpace(AuthorityPath)) throw new ArgumentException("cluster.tls.authorityPath must be set when cluster.tls.peerValidation is authority");
        if (!File.Exists(AuthorityPath)) throw new ArgumentException($"cluster.tls.authorityPath: file not found: '{AuthorityPath}'");
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(AuthorityPath);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"cluster.tls.authorityPath: '{AuthorityPath}' is not a PEM or DER certificate: {e.Message}", e);
        }
    }

    /// <summary><see cref="TrustedFingerprints"/> as upper-case hex without separators.</summary>
    internal IReadOnlyList<string> Fingerprints() =>
        [.. (TrustedFingerprints ?? []).Select(f =>
        {
            var hex = new string([.. (f ?? "").Where(c => c is not (':' or ' ' or '-'))]).ToUpperInvariant();
            return hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
                ? hex
                : throw new ArgumentException($"cluster.tls.trustedFingerprints: '{f}' is not a SHA-256 fingerprint (64 hex digits, as 'openssl x509 -noout -fingerprint -sha256' prints)");
        })];

    string? Password(out string source)
    {
        if (!string.IsNullOrWhiteSpace(PasswordFile))
        {
            source = $"cluster.tls.passwordFile ('{PasswordFile}')";
            try
            {
                // Secret files (Docker, Kubernetes) often end with a newline that is not part of the password.
                return File.ReadAllText(PasswordFile).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"cluster.tls.passwordFile: cannot read '{PasswordFile}': {e.Message}", e);
            }
        }
        if (string.IsNullOrWhiteSpace(PasswordVariable)) throw new ArgumentException("cluster.tls.passwordVariable must name an environment variable");
        var value = Environment.GetEnvironmentVariable(PasswordVariable);
        source = string.IsNullOrEmpty(value) ? $"cluster.tls.passwordVariable ({PasswordVariable} is not set: no password)" : $"cluster.tls.passwordVariable ({PasswordVariable})";
        return string.IsNullOrEmpty(value) ? null : value;
    }

    static bool HasUsablePrivateKey(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey) return false;
        try
        {
            using var rsa = certificate.GetRSAPrivateKey();
            using var ecdsa = certificate.GetECDsaPrivateKey();
            return rsa is not null || ecdsa is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
