using System.Globalization;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Bootstrap;
using CoNRec.Cluster.Roles;
using CoNRec.Storage;

namespace CoNRec.Cluster.Tests.Deployment;

/// <summary>k8s/base agrees with the code: variables, ports, roles, bootstrap selector, probes, volumes and RBAC.</summary>
public sealed class KubernetesManifestTests
{
    static readonly IReadOnlyList<YamlTree> Resources =
        [.. Directory.EnumerateFiles(RepositoryFiles.KubernetesBase, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => YamlTree.LoadAll(File.ReadAllText(f)))];

    static YamlTree Single(string kind, string? name = null) =>
        Assert.Single(Resources, r => r["kind"].Text == kind && (name is null || r["metadata"]["name"].Text == name));

    static IEnumerable<YamlTree> Workloads => Resources.Where(r => r["kind"].Text is "StatefulSet" or "Deployment");

    static YamlTree Container(YamlTree workload) => Assert.Single(workload["spec"]["template"]["spec"]["containers"].Items);

    static IReadOnlyDictionary<string, string> NodeConfig => Single("ConfigMap")["data"].Strings;

    /// <summary>What the node in a workload's pod reads: the ConfigMap, then the container's literal env (which wins).</summary>
    static Dictionary<string, string> Environment(YamlTree workload)
    {
        var container = Container(workload);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"].Items)
            foreach (var (key, value) in Single("ConfigMap", source["configMapRef"]["name"].Text)["data"].Strings) env[key] = value;
        foreach (var variable in container["env"].Items)
            env[variable["name"].Text!] = variable["value"].Text ?? $"<{variable["valueFrom"]["fieldRef"]["fieldPath"].Text}>";
        return env;
    }

    static int ContainerPort(YamlTree workload, string name) =>
        int.Parse(Assert.Single(Container(workload)["ports"].Items, p => p["name"].Text == name)["containerPort"].Text!, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_CONREC_variable_in_every_manifest_is_one_the_code_defines()
    {
        var unknown = RepositoryFiles.KubernetesFiles.SelectMany(f => RepositoryFiles.VariablesNamedIn(f).Select(v => $"{Path.GetFileName(f)}: {v}"))
            .Where(v => !ConrecVariables.Defined.Contains(v[(v.IndexOf(' ', StringComparison.Ordinal) + 1)..]));

        Assert.Empty(unknown);
    }

    [Fact]
    public void The_workloads_take_every_role_and_name_only_roles_that_exist()
    {
        var roles = Workloads.SelectMany(w => Environment(w)[NodeVariables.Roles].Split(',')).ToList();

        Assert.All(roles, role => Assert.Contains(role, RoleNames.All));
        Assert.Equal(RoleNames.All.Order(StringComparer.Ordinal), roles.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_pod_bootstraps_through_the_kubernetes_api_as_the_code_reads_its_environment()
    {
        foreach (var workload in Workloads)
        {
            var env = Environment(workload);
            var bootstrap = ClusterBootstrapOptions.FromEnvironment(name => env.GetValueOrDefault(name));

            Assert.NotNull(bootstrap);
            Assert.Equal(BootstrapDiscovery.Kubernetes, bootstrap.Discovery);
            Assert.False(env.ContainsKey(NodeVariables.Seeds), "bootstrap and seed nodes exclude each other");
            Assert.Equal("<status.podIP>", env[NodeVariables.Hostname]);
            Assert.Equal(NodeVariables.DefaultRemotingPort, int.Parse(env[NodeVariables.Port], CultureInfo.InvariantCulture));
            Assert.Equal(NodeVariables.DefaultRemotingPort, ContainerPort(workload, "remoting"));
            Assert.Equal(bootstrap.ManagementPort, ContainerPort(workload, BootstrapHosting.ManagementPortName));
            Assert.Equal(ClusterBootstrapOptions.DefaultManagementPort, bootstrap.ManagementPort);
        }
    }

    [Fact]
    public void The_bootstrap_selector_matches_every_pod_and_the_required_contact_points_fit_the_statefulset()
    {
        var bootstrap = ClusterBootstrapOptions.FromEnvironment(name => NodeConfig.GetValueOrDefault(name))!;
        var selector = bootstrap.LabelSelector.Split(',').Select(term => term.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);

        foreach (var workload in Workloads)
        {
            var labels = workload["spec"]["template"]["metadata"]["labels"].Strings;
            Assert.All(selector, term => Assert.Equal(term.Value, labels.GetValueOrDefault(term.Key)));
        }
        var statefulSet = Single("StatefulSet");
        Assert.True(bootstrap.RequiredContactPoints <= int.Parse(statefulSet["spec"]["replicas"].Text!, CultureInfo.InvariantCulture));
        // OrderedReady would wait for a ready pod that cannot be ready before the others start.
        Assert.Equal("Parallel", statefulSet["spec"]["podManagementPolicy"].Text);
    }

    [Fact]
    public void The_probes_ask_the_management_endpoint_for_its_ready_and_alive_routes()
    {
        foreach (var workload in Workloads)
        {
            var container = Container(workload);
            Assert.Equal(ManagementEndpoint.ReadyPath, container["readinessProbe"]["httpGet"]["path"].Text);
            Assert.Equal(ManagementEndpoint.AlivePath, container["livenessProbe"]["httpGet"]["path"].Text);
            Assert.Equal(BootstrapHosting.ManagementPortName, container["readinessProbe"]["httpGet"]["port"].Text);
            Assert.Equal(BootstrapHosting.ManagementPortName, container["livenessProbe"]["httpGet"]["port"].Text);
        }
    }

    [Fact]
    public void Every_workload_mounts_the_runs_claim_where_the_coordinator_keeps_its_runs()
    {
        var runsDir = Environment(Single("StatefulSet"))[NodeVariables.RunsDir];
        var claim = Single("PersistentVolumeClaim")["metadata"]["name"].Text;

        // Submitted runs name their files by absolute path: every node must see the claim where the coordinator does.
        foreach (var workload in Workloads)
        {
            var volume = Assert.Single(workload["spec"]["template"]["spec"]["volumes"].Items, v => v["persistentVolumeClaim"]["claimName"].Text == claim);
            Assert.Contains(Container(workload)["volumeMounts"].Items, m => m["name"].Text == volume["name"].Text && m["mountPath"].Text == runsDir);
        }
    }

    [Fact]
    public void The_coordinator_statefulset_mounts_the_shared_runs_claim_and_the_store_password_file()
    {
        var statefulSet = Single("StatefulSet");
        var env = Environment(statefulSet);
        var pod = statefulSet["spec"]["template"]["spec"];
        var mounts = Container(statefulSet)["volumeMounts"].Items.ToDictionary(m => m["name"].Text!, m => m["mountPath"].Text!);
        var volumes = pod["volumes"].Items.ToDictionary(v => v["name"].Text!);

        Assert.Equal([RoleNames.Coordinator, RoleNames.Learner], env[NodeVariables.Roles].Split(','));
        var runs = volumes.Single(v => !v.Value["persistentVolumeClaim"].IsMissing);
        Assert.Equal(env[NodeVariables.RunsDir], mounts[runs.Key]);
        var claim = Single("PersistentVolumeClaim", runs.Value["persistentVolumeClaim"]["claimName"].Text);
        Assert.Equal(["ReadWriteMany"], claim["spec"]["accessModes"].Items.Select(m => m.Text));

        var passwordFile = env[StoreLocation.PasswordFileVariable];
        var secretVolume = volumes.Single(v => !v.Value["secret"].IsMissing);
        Assert.Equal(Path.GetDirectoryName(passwordFile), mounts[secretVolume.Key]);
        var secret = Single("Secret", secretVolume.Value["secret"]["secretName"].Text);
        Assert.True(secret["stringData"].Entries.ContainsKey(Path.GetFileName(passwordFile)));
        Assert.StartsWith("postgres://", env[StoreLocation.StoreVariable], StringComparison.Ordinal);

        var service = Single("Service", statefulSet["spec"]["serviceName"].Text);
        Assert.Equal("None", service["spec"]["clusterIP"].Text);
    }

    [Fact]
    public void The_pods_service_account_may_get_list_and_watch_pods()
    {
        var account = Single("ServiceAccount")["metadata"]["name"].Text;
        var binding = Single("RoleBinding");
        var role = Single("Role", binding["roleRef"]["name"].Text);

        Assert.All(Workloads, w => Assert.Equal(account, w["spec"]["template"]["spec"]["serviceAccountName"].Text));
        Assert.Contains(binding["subjects"].Items, s => s["kind"].Text == "ServiceAccount" && s["name"].Text == account);
        var rule = Assert.Single(role["rules"].Items, r => r["resources"].Items.Any(x => x.Text == "pods"));
        Assert.Equal(["get", "list", "watch"], rule["verbs"].Items.Select(v => v.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_disruption_budget_covers_the_coordinator_pods()
    {
        var selector = Single("PodDisruptionBudget")["spec"]["selector"]["matchLabels"].Strings;
        var labels = Single("StatefulSet")["spec"]["template"]["metadata"]["labels"].Strings;

        Assert.All(selector, term => Assert.Equal(term.Value, labels.GetValueOrDefault(term.Key)));
    }
}
