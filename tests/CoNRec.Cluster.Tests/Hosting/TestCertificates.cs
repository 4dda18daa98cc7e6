using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CoNRec.Cluster.Tests.Hosting;

/// <summary>
/// Certificates made for one test (ECDSA P-256, quick to generate) and written to a temporary folder that
/// <see cref="Dispose"/> deletes: self-signed PKCS#12 files, a cluster authority and certificates it issues.
/// </summary>
sealed class TestCertificates : IDisposable
{
    public const string Password = "not-a-real-secret";

    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("conrec-tls-");

    public string Folder => _folder.FullName;

    /// <summary>A self-signed certificate with its key, as a PKCS#12 file protected by <paramref name="password"/>.</summary>
    public string SelfSigned(string name, string password = Password, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = NodeRequest(name, key).CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
        return Write(name + ".pfx", certificate.Export(X509ContentType.Pkcs12, password));
    }

    /// <summary>The same kind of file holding only the public certificate.</summary>
    public string WithoutKey(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var withKey = NodeRequest(name, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return Write(name + ".pfx", publicOnly.Export(X509ContentType.Pkcs12, Password));
    }

    /// <summary>A CA: its certificate as a PEM file for <c>authorityPath</c>, and the certificate with its key to issue others.</summary>
    public (string Path, X509Certificate2 Authority) Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        return (Write(name + ".crt", System.Text.Encoding.ASCII.GetBytes(authority.ExportCertificatePem())), authority);
    }

    /// <summary>A node certificate issued by <paramref name="authority"/>, as a PKCS#12 file with its key.</summary>
    public string IssuedBy(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NodeRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        return Write(name + ".pfx", withKey.Export(X509ContentType.Pkcs12, Password));
    }

    /// <summary>A password file as secret mounts write it: with a trailing newline.</summary>
    public string PasswordFile(string password = Password) => Write($"password-{Guid.NewGuid():N}.txt", System.Text.Encoding.UTF8.GetBytes(password + "\n"));

    public void Dispose() => _folder.Delete(recursive: true);

    // Each certificate serves both ends of a connection: the accepting node (server) and the connecting one (client).
    static CertificateRequest NodeRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    string Write(string fileName, byte[] content)
    {
        var path = System.IO.Path.Combine(Folder, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }
}
