using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// The certificate checks a node runs on every TLS handshake, as Akka.Remote's <see cref="CertificateValidationCallback"/>
/// (it replaces Akka's own chain check, on the connecting and on the accepting side alike). The peer's name is not
/// checked: nodes reach each other by address and share or pin certificates instead.
/// </summary>
static class TlsPeerValidator
{
    /// <summary>The callback for <paramref name="tls"/>'s <see cref="RemotingTls.PeerValidation"/>; null when peers are not checked.</summary>
    public static CertificateValidationCallback? For(RemotingTls tls, X509Certificate2 own) => tls.PeerValidation switch
    {
        TlsPeerValidation.Pinned => Pinned([Fingerprint(own), .. tls.Fingerprints()]),
        TlsPeerValidation.Authority => Authority(tls.LoadAuthority()),
        TlsPeerValidation.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(tls), tls.PeerValidation, "cluster.tls.peerValidation: unknown value"),
    };

    /// <summary>Accepts a current certificate whose SHA-256 fingerprint is listed; the chain is not consulted.</summary>
    public static CertificateValidationCallback Pinned(IEnumerable<string> fingerprints)
    {
        var trusted = fingerprints.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (certificate, _, peer, _, log) =>
        {
            if (certificate is null)
            {
                log.Warning("TLS: refused {0}: no certificate", peer);
                return false;
            }
            var fingerprint = Fingerprint(certificate);
            if (!trusted.Contains(fingerprint))
            {
                log.Warning("TLS: refused {0}: certificate {1} (SHA-256 {2}) is not pinned", peer, certificate.Subject, fingerprint);
                return false;
            }
            if (IsCurrent(certificate)) return true;
            log.Warning("TLS: refused {0}: pinned certificate {1} is outside its validity period", peer, certificate.Subject);
            return false;
        };
    }

    /// <summary>Accepts a certificate that chains to <paramref name="authority"/> (no OS trust store, no revocation check).</summary>
    public static CertificateValidationCallback Authority(X509Certificate2 authority) =>
        (certificate, chain, peer, _, log) =>
        {
            if (certificate is null)
            {
                log.Warning("TLS: refused {0}: no certificate", peer);
                return false;
            }
            if (ChainsTo(certificate, authority, chain?.ChainPolicy.ExtraStore)) return true;
            log.Warning("TLS: refused {0}: certificate {1} (issuer {2}) does not chain to the cluster authority {3}, or is outside its validity period",
                peer, certificate.Subject, certificate.Issuer, authority.Subject);
            return false;
        };

    /// <summary>True when a chain from <paramref name="certificate"/> ends at <paramref name="authority"/>, every link current.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority, X509Certificate2Collection? extra)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (extra is not null) chain.ChainPolicy.ExtraStore.AddRange(extra);
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }

    /// <summary>The SHA-256 fingerprint as upper-case hex, the form <c>openssl x509 -fingerprint -sha256</c> prints without colons.</summary>
    public static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static bool IsCurrent(X509Certificate2 certificate)
    {
        var now = DateTime.Now;
        return now >= certificate.NotBefore && now <= certificate.NotAfter;
    }
}
