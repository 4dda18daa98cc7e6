using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Bootstrap;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Tests.Hosting.Bootstrap;

public sealed class ClusterBootstrapOptionsTests
{
    static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Without_CONREC_BOOTSTRAP_there_is_no_bootstrap()
    {
        Assert.Null(ClusterBootstrapOptions.FromEnvironment(Variables()));
        Assert.Null(ClusterBootstrapOptions.FromEnvironment(Variables((ClusterBootstrapOptions.BootstrapVariable, " "))));
    }

    [Fact]
    public void Kubernetes_bootstrap_takes_the_management_port_8558_and_the_part_of_conrec_selector_by_default()
    {
        var options = ClusterBootstrapOptions.FromEnvironment(Variables((ClusterBootstrapOptions.BootstrapVariable, "kubernetes")));

        Assert.NotNull(options);
        Assert.Equal(BootstrapDiscovery.Kubernetes, options.Discovery);
        Assert.Equal(8558, options.ManagementPort);
        Assert.Equal("app.kubernetes.io/part-of=conrec", options.LabelSelector);
        Assert.Equal("conrec", options.ServiceName);
        Assert.Equal(2, options.RequiredContactPoints);
    }

    [Fact]
    public void Config_bootstrap_reads_every_variable()
    {
        var options = ClusterBootstrapOptions.FromEnvironment(Variables(
            (ClusterBootstrapOptions.BootstrapVariable, "Config"),
            (ClusterBootstrapOptions.ManagementPortVariable, "9558"),
            (ClusterBootstrapOptions.ServiceNameVariable, "trainer"),
            (ClusterBootstrapOptions.EndpointsVariable, "coordinator:9558, rollout-1:9558,reward:9558"),
            (ClusterBootstrapOptions.RequiredContactPointsVariable, "3")));

        Assert.NotNull(options);
        Assert.Equal(BootstrapDiscovery.Config, options.Discovery);
        Assert.Equal(9558, options.ManagementPort);
        Assert.Equal("trainer", options.ServiceName);
        Assert.Equal(["coordinator:9558", "rollout-1:9558", "reward:9558"], options.Endpoints);
        Assert.Equal(3, options.RequiredContactPoints);
    }

    [Theory]
    [InlineData(ClusterBootstrapOptions.BootstrapVariable, "dns")]
    [InlineData(ClusterBootstrapOptions.ManagementPortVariable, "0")]
    [InlineData(ClusterBootstrapOptions.ManagementPortVariable, "http")]
    [InlineData(ClusterBootstrapOptions.RequiredContactPointsVariable, "0")]
    [InlineData(ClusterBootstrapOptions.EndpointsVariable, "coordinator")]
    [InlineData(ClusterBootstrapOptions.EndpointsVariable, "coordinator:99999")]
    public void A_bad_value_is_refused_naming_its_variable(string variable, string value)
    {
        // A valid config bootstrap, with the value under test in place of its own.
        var valid = Variables((ClusterBootstrapOptions.BootstrapVariable, "config"), (ClusterBootstrapOptions.EndpointsVariable, "coordinator:8558"));
        string? Lookup(string name) => name == variable ? value : valid(name);

        var error = Assert.Throws<ArgumentException>(() => ClusterBootstrapOptions.FromEnvironment(Lookup));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_bootstrap_without_endpoints_is_refused_naming_the_endpoints_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterBootstrapOptions.FromEnvironment(Variables((ClusterBootstrapOptions.BootstrapVariable, "config"))));

        Assert.Contains(ClusterBootstrapOptions.EndpointsVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_bootstrap_with_an_empty_selector_is_refused_naming_the_selector_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClusterBootstrapOptions(BootstrapDiscovery.Kubernetes, LabelSelector: "").Validate());

        Assert.Contains(ClusterBootstrapOptions.LabelSelectorVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_with_both_seed_nodes_and_bootstrap_is_refused()
    {
        var node = new ClusterNodeOptions([RoleNames.Reward], SeedNodes: ["akka.tcp://conrec@coordinator:4053"],
            Bootstrap: new ClusterBootstrapOptions(BootstrapDiscovery.Kubernetes));

        var error = Assert.Throws<ArgumentException>(() => node.Validate());

        Assert.Contains("cluster.seedNodes", error.Message, StringComparison.Ordinal);
        Assert.Contains(ClusterBootstrapOptions.BootstrapVariable, error.Message, StringComparison.Ordinal);
    }
}
