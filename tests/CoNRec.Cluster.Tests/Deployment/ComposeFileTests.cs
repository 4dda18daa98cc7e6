using System.Globalization;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Storage;

namespace CoNRec.Cluster.Tests.Deployment;

/// <summary>docker/compose.yaml and docker/Dockerfile agree with the code's environment contract and with each other.</summary>
public sealed class ComposeFileTests
{
    static readonly YamlTree Compose = YamlTree.Load(File.ReadAllText(RepositoryFiles.ComposeFile));

    static IReadOnlyDictionary<string, YamlTree> Services => Compose["services"].Entries;

    /// <summary>The services that run <c>conrec node</c>, with their environment.</summary>
    static IEnumerable<(string Name, YamlTree Service, IReadOnlyDictionary<string, string> Env)> Nodes =>
        Services.Where(s => s.Value["command"].Items.FirstOrDefault()?.Text == "node")
            .Select(s => (s.Key, s.Value, s.Value["environment"].Strings));

    [Fact]
    public void Every_CONREC_variable_the_compose_file_names_is_one_the_code_defines()
    {
        var unknown = RepositoryFiles.VariablesNamedIn(RepositoryFiles.ComposeFile).Except(ConrecVariables.Defined);

        Assert.Empty(unknown);
    }

    [Fact]
    public void The_variables_collected_from_the_code_include_every_contract_class()
    {
        Assert.Contains(NodeVariables.Roles, ConrecVariables.Defined);
        Assert.Contains(StoreLocation.PasswordFileVariable, ConrecVariables.Defined);
        Assert.Contains(LoggingOptions.SeqUrlVariable, ConrecVariables.Defined);
        Assert.Contains(RemotingTls.DefaultPasswordVariable, ConrecVariables.Defined);
        Assert.Contains(Cluster.Hosting.Bootstrap.ClusterBootstrapOptions.BootstrapVariable, ConrecVariables.Defined);
    }

    [Fact]
    public void The_nodes_take_every_role_and_name_only_roles_that_exist()
    {
        var roles = Nodes.SelectMany(n => n.Env[NodeVariables.Roles].Split(',', StringSplitOptions.TrimEntries)).ToList();

        Assert.All(roles, role => Assert.Contains(role, RoleNames.All));
        Assert.Equal(RoleNames.All.Order(StringComparer.Ordinal), roles.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, Nodes.Count(n => n.Env[NodeVariables.Roles] == RoleNames.Rollout));
    }

    [Fact]
    public void Each_node_advertises_its_service_name_and_joins_through_the_coordinators_remoting_port()
    {
        foreach (var (name, service, env) in Nodes)
        {
            Assert.Equal(name, env[NodeVariables.Hostname]);
            Assert.Equal(name, service["hostname"].Text);
            Assert.Equal(NodeVariables.DefaultRemotingPort, int.Parse(env[NodeVariables.Port], CultureInfo.InvariantCulture));
            foreach (var seed in env[NodeVariables.Seeds].Split(','))
            {
                var (host, port) = (seed[..seed.LastIndexOf(':')], int.Parse(seed[(seed.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
                Assert.Equal(NodeVariables.DefaultRemotingPort, port);
                Assert.Contains(RoleNames.Coordinator, Services[host]["environment"].Strings[NodeVariables.Roles].Split(','));
            }
        }
    }

    [Fact]
    public void Every_node_mounts_the_runs_volume_at_the_coordinators_runs_dir()
    {
        var coordinator = Nodes.Single(n => n.Env[NodeVariables.Roles].Split(',').Contains(RoleNames.Coordinator));
        var runsDir = coordinator.Env[NodeVariables.RunsDir];

        // Submitted runs name their files by absolute path: every node must see the volume where the coordinator does.
        foreach (var (_, service, _) in Nodes)
            Assert.Contains($"runs:{runsDir}", service["volumes"].Items.Select(v => v.Text));
        Assert.True(Compose["volumes"].Entries.ContainsKey("runs"), "runs is a named volume");
    }

    [Fact]
    public void The_store_password_reaches_postgres_and_the_coordinator_as_the_same_compose_secret()
    {
        var secret = Assert.Single(Compose["secrets"].Entries);
        var secretPath = $"/run/secrets/{secret.Key}";
        var coordinator = Nodes.Single(n => n.Env[NodeVariables.Roles] == RoleNames.Coordinator);

        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(RepositoryFiles.ComposeFile)!, secret.Value["file"].Text!)));
        Assert.Equal(secretPath, coordinator.Env[StoreLocation.PasswordFileVariable]);
        Assert.Contains(secret.Key, coordinator.Service["secrets"].Items.Select(s => s.Text));
        Assert.Equal(secretPath, Services["postgres"]["environment"].Strings["POSTGRES_PASSWORD_FILE"]);
        Assert.Contains(secret.Key, Services["postgres"]["secrets"].Items.Select(s => s.Text));
        Assert.StartsWith("postgres://", coordinator.Env[StoreLocation.StoreVariable], StringComparison.Ordinal);
        Assert.DoesNotContain(Nodes, n => n.Env.ContainsKey(StoreLocation.PasswordVariable));
    }

    [Fact]
    public void Every_conrec_service_runs_the_one_image_the_compose_file_builds_from_docker_Dockerfile()
    {
        var built = Services.Values.Where(s => !s["build"].IsMissing).ToList();
        var image = Assert.Single(built)["image"].Text;
        var build = built[0]["build"];

        Assert.Equal(RepositoryFiles.Dockerfile, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryFiles.ComposeFile)!, build["context"].Text!, build["dockerfile"].Text!)));
        var conrecServices = Services.Where(s => s.Value["image"].Text?.StartsWith("conrec:", StringComparison.Ordinal) == true).Select(s => s.Key).ToList();
        Assert.Equal(Nodes.Select(n => n.Name).Concat(["migrate", "cli"]).Order(StringComparer.Ordinal), conrecServices.Order(StringComparer.Ordinal));
        Assert.All(conrecServices, name => Assert.Equal(image, Services[name]["image"].Text));
    }

    [Fact]
    public void The_image_runs_conrec_and_exposes_the_remoting_and_management_ports()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Dockerfile).Select(l => l.Trim()).ToList();

        Assert.Contains("ENTRYPOINT [\"/app/conrec\"]", lines);
        var exposed = lines.Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).Split(' ')[1..].Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        Assert.Equal([NodeVariables.DefaultRemotingPort, Cluster.Hosting.Bootstrap.ClusterBootstrapOptions.DefaultManagementPort], exposed);
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish src/CoNRec.Cli ", StringComparison.Ordinal));
    }
}
