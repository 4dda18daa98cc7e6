using System.Globalization;
using System.Net;

namespace CoNRec.Cluster.Hosting.Bootstrap;

/// <summary>
/// Cluster formation through Akka.Management's cluster bootstrap instead of seed nodes: each node serves its
/// management endpoint (HTTP, with /alive and /ready), discovers the others' and, once
/// <paramref name="RequiredContactPoints"/> answer, joins the cluster they report or, if none is formed yet, the node
/// with the lowest address forms it. Read from the environment by <see cref="FromEnvironment"/>; the variables are the
/// constants below.
/// </summary>
/// <param name="Discovery">Kubernetes API or a fixed list (<see cref="Endpoints"/>).</param>
/// <param name="ManagementPort">The management endpoint's port, the same on every node (the pods' "management" port).</param>
/// <param name="ServiceName">The name looked up in discovery (with Kubernetes, <c>{0}</c> in the label selector).</param>
/// <param name="LabelSelector">Kubernetes: the selector matching every node's pod.</param>
/// <param name="Endpoints">Config: the management endpoints as HOST:PORT, this node's included.</param>
/// <param name="RequiredContactPoints">Contact points that must answer before a new cluster may form (the initial node count).</param>
/// <param name="ManagementBindHost">The IP address the endpoint binds (0.0.0.0: every interface); it advertises the node's hostname.</param>
/// <param name="StableMargin">How long discovery must return the same contact points before a decision; null: Akka's 5 s.</param>
/// <param name="ProbeInterval">How often a contact point is asked; null: Akka's 5 s.</param>
public sealed record ClusterBootstrapOptions(
    BootstrapDiscovery Discovery,
    int ManagementPort = ClusterBootstrapOptions.DefaultManagementPort,
    string ServiceName = ClusterBootstrapOptions.DefaultServiceName,
    string LabelSelector = ClusterBootstrapOptions.DefaultLabelSelector,
    IReadOnlyList<string>? Endpoints = null,
    int RequiredContactPoints = 2,
    string ManagementBindHost = "0.0.0.0",
    TimeSpan? StableMargin = null,
    TimeSpan? ProbeInterval = null)
{
    /// <summary>Turns bootstrap on: <c>kubernetes</c> or <c>config</c>; unset: seed nodes (or a cluster of one).</summary>
    public const string BootstrapVariable = "CONREC_BOOTSTRAP";

    /// <summary>The management endpoint's port (default 8558).</summary>
    public const string ManagementPortVariable = "CONREC_MANAGEMENT_PORT";

    /// <summary>The service name looked up in discovery (default conrec).</summary>
    public const string ServiceNameVariable = "CONREC_BOOTSTRAP_SERVICE";

    /// <summary>Kubernetes: the pods' label selector (default app.kubernetes.io/part-of=conrec).</summary>
    public const string LabelSelectorVariable = "CONREC_BOOTSTRAP_SELECTOR";

    /// <summary>Config: the management endpoints, HOST:PORT comma-separated.</summary>
    public const string EndpointsVariable = "CONREC_BOOTSTRAP_ENDPOINTS";

    /// <summary>The contact points required before a new cluster forms (default 2).</summary>
    public const string RequiredContactPointsVariable = "CONREC_BOOTSTRAP_CONTACT_POINTS";

    /// <summary>Akka.Management's customary port.</summary>
    public const int DefaultManagementPort = 8558;

    public const string DefaultServiceName = "conrec";

    public const string DefaultLabelSelector = "app.kubernetes.io/part-of=conrec";

    /// <summary>The options the variables describe; null when <see cref="BootstrapVariable"/> is unset or empty.</summary>
    public static ClusterBootstrapOptions? FromEnvironment(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var method = Value(variables, BootstrapVariable);
        if (method is null) return null;
        var discovery = method.ToLowerInvariant() switch
        {
            "kubernetes" => BootstrapDiscovery.Kubernetes,
            "config" => BootstrapDiscovery.Config,
            _ => throw new ArgumentException($"{BootstrapVariable}: '{method}' is not a discovery method (kubernetes, config)"),
        };
        var endpoints = Value(variables, EndpointsVariable)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new ClusterBootstrapOptions(
            discovery,
            Integer(variables, ManagementPortVariable) ?? DefaultManagementPort,
            Value(variables, ServiceNameVariable) ?? DefaultServiceName,
            Value(variables, LabelSelectorVariable) ?? DefaultLabelSelector,
            endpoints,
            Integer(variables, RequiredContactPointsVariable) ?? 2).Validate();
    }

    /// <summary>Checks every setting; the error names the variable that sets it.</summary>
    public ClusterBootstrapOptions Validate()
    {
        if (!Enum.IsDefined(Discovery)) throw new ArgumentException($"{BootstrapVariable}: '{Discovery}' is not a discovery method (kubernetes, config)");
        if (ManagementPort is < 1 or > 65535)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{ManagementPortVariable} must be in [1, 65535] (got {ManagementPort})"));
        if (string.IsNullOrWhiteSpace(ServiceName)) throw new ArgumentException($"{ServiceNameVariable} must not be empty");
        if (RequiredContactPoints < 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{RequiredContactPointsVariable} must be at least 1 (got {RequiredContactPoints})"));
        if (!IPAddress.TryParse(ManagementBindHost, out _))
            throw new ArgumentException($"cluster.bootstrap.managementBindHost: '{ManagementBindHost}' is not an IP address");
        if (StableMargin is { } margin && margin <= TimeSpan.Zero) throw new ArgumentException("cluster.bootstrap.stableMargin must be positive");
        if (ProbeInterval is { } interval && interval <= TimeSpan.Zero) throw new ArgumentException("cluster.bootstrap.probeInterval must be positive");
        switch (Discovery)
        {
            case BootstrapDiscovery.Kubernetes when string.IsNullOrWhiteSpace(LabelSelector):
                throw new ArgumentException($"{LabelSelectorVariable} must not be empty with {BootstrapVariable}=kubernetes");
            case BootstrapDiscovery.Config:
                ValidateEndpoints();
                break;
        }
        return this;
    }

    void ValidateEndpoints()
    {
        if (Endpoints is not { Count: > 0 })
            throw new ArgumentException($"{EndpointsVariable} must list the management endpoints (HOST:PORT, comma-separated) with {BootstrapVariable}=config");
        foreach (var endpoint in Endpoints)
        {
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new ArgumentException($"{EndpointsVariable}: '{endpoint}' is not HOST:PORT");
        }
    }

    internal IPAddress ManagementBindAddress => IPAddress.Parse(ManagementBindHost);

    static string? Value(Func<string, string?> variables, string name) =>
        variables(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    static int? Integer(Func<string, string?> variables, string name)
    {
        if (Value(variables, name) is not { } text) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a whole number");
    }
}
