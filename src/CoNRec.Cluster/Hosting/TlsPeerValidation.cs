namespace CoNRec.Cluster.Hosting;

/// <summary>How a node checks the certificate its peer presents (docs/cluster-tls.md, "Trust model").</summary>
public enum TlsPeerValidation
{
    /// <summary>Mutual TLS; the peer must present this node's own certificate or one listed in
    /// <see cref="RemotingTls.TrustedFingerprints"/> (compared by SHA-256). Fits one certificate shared by the cluster.</summary>
    Pinned,

    /// <summary>Mutual TLS; the peer's certificate must chain to the CA in <see cref="RemotingTls.AuthorityPath"/>
    /// (the operating system's trust store is not used). Fits one certificate per node issued by a cluster CA.</summary>
    Authority,

    /// <summary>Encryption only: any TLS peer is accepted and no client certificate is asked for. For trusted networks.</summary>
    None,
}
