namespace CoNRec.Cluster.Hosting;

/// <summary>
/// The environment variables <c>conrec node</c> reads when its flag is not given, and the ports it uses by default:
/// the contract that docker/ and k8s/ are written against (a test checks that they name only these). Secrets have
/// their own variables beside: the store's password (CONREC_STORE_PASSWORD[_FILE]), Seq's API key
/// (CONREC_SEQ_API_KEY[_FILE]) and the TLS certificate's password (CONREC_TLS_PASSWORD, or a file named by CONREC_TLS_PASSWORD_FILE); cluster bootstrap instead of
/// seeds has its own too (CONREC_BOOTSTRAP and the others in <see cref="Bootstrap.ClusterBootstrapOptions"/>).
/// </summary>
public static class NodeVariables
{
    /// <summary>The roles, comma-separated (coordinator, learner, rollout, reward): <c>--roles</c>.</summary>
    public const string Roles = "CONREC_ROLES";

    /// <summary>Seed nodes as HOST:PORT, comma-separated: <c>--seed</c>.</summary>
    public const string Seeds = "CONREC_SEEDS";

    /// <summary>The address other nodes reach this one at (a pod's IP): <c>--hostname</c>.</summary>
    public const string Hostname = "CONREC_HOSTNAME";

    /// <summary>The remoting port: <c>--port</c>.</summary>
    public const string Port = "CONREC_PORT";

    /// <summary>The folder (a volume shared by the coordinator and learner nodes) that holds submitted runs: <c>--runs-dir</c>.</summary>
    public const string RunsDir = "CONREC_RUNS_DIR";

    /// <summary>Workers of each worker role taken: <c>--workers</c>.</summary>
    public const string Workers = "CONREC_WORKERS";

    /// <summary>Where rollout workers and the learner compute (cpu, cuda, cuda:1): <c>--device</c>.</summary>
    public const string Device = "CONREC_DEVICE";

    /// <summary>A local folder for artifacts fetched over HTTP: <c>--cache-dir</c>.</summary>
    public const string CacheDir = "CONREC_CACHE_DIR";

    /// <summary>This node's PKCS#12 certificate and key; set, remoting speaks only TLS (docs/cluster-tls.md): <c>--tls-certificate</c>.</summary>
    public const string TlsCertificate = "CONREC_TLS_CERTIFICATE";

    /// <summary>A file holding the certificate's password (else <see cref="RemotingTls.DefaultPasswordVariable"/>): <c>--tls-password-file</c>.</summary>
    public const string TlsPasswordFile = "CONREC_TLS_PASSWORD_FILE";

    /// <summary>How peers' certificates are checked (pinned, authority, none): <c>--tls-peer-validation</c>.</summary>
    public const string TlsPeerValidation = "CONREC_TLS_PEER_VALIDATION";

    /// <summary>SHA-256 fingerprints of further accepted certificates, comma-separated: <c>--tls-trusted-fingerprint</c>.</summary>
    public const string TlsTrustedFingerprints = "CONREC_TLS_TRUSTED_FINGERPRINTS";

    /// <summary>The cluster CA's certificate (with authority validation): <c>--tls-authority</c>.</summary>
    public const string TlsAuthority = "CONREC_TLS_AUTHORITY";

    /// <summary>Akka remoting's port on a cluster node unless told otherwise (Akka's customary 4053).</summary>
    public const int DefaultRemotingPort = 4053;
}
