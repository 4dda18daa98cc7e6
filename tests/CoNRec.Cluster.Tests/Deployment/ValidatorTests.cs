using CoNRec.Cluster.Hosting;

namespace CoNRec.Cluster.Tests.Deployment;

/// <summary>The tools' own validators accept the deployment files (they fail these tests when not installed).</summary>
public sealed class ValidatorTests
{
    const string ComposeHint = "apt-get install docker-compose; .ci/run installs it";
    const string KubectlHint = "install kubectl, which embeds kustomize";

    [Fact]
    public async Task Docker_compose_accepts_the_compose_file()
    {
        var (exitCode, _, errors) = await RepositoryFiles.RunAsync("docker-compose", ComposeHint, "-f", "docker/compose.yaml", "config", "-q");

        Assert.True(exitCode == 0, $"docker-compose config exited {exitCode}: {errors}");
    }

    [Fact]
    public async Task Kustomize_renders_the_base()
    {
        var (exitCode, output, errors) = await RepositoryFiles.RunAsync("kubectl", KubectlHint, "kustomize", "k8s/base");

        Assert.True(exitCode == 0, $"kubectl kustomize k8s/base exited {exitCode}: {errors}");
        Assert.Equal(11, YamlTree.LoadAll(output).Count);
    }

    [Fact]
    public async Task Kustomize_renders_the_gpu_overlay_with_gpus_for_the_learner_and_rollout_but_not_reward()
    {
        var (exitCode, output, errors) = await RepositoryFiles.RunAsync("kubectl", KubectlHint, "kustomize", "k8s/overlays/gpu");

        Assert.True(exitCode == 0, $"kubectl kustomize k8s/overlays/gpu exited {exitCode}: {errors}");
        var containers = YamlTree.LoadAll(output).Where(r => r["kind"].Text is "StatefulSet" or "Deployment")
            .ToDictionary(r => r["metadata"]["name"].Text!, r => Assert.Single(r["spec"]["template"]["spec"]["containers"].Items));
        foreach (var name in new[] { "conrec-coordinator", "conrec-rollout" })
        {
            Assert.Equal("1", containers[name]["resources"]["limits"]["nvidia.com/gpu"].Text);
            Assert.Contains(containers[name]["env"].Items, e => e["name"].Text == NodeVariables.Device && e["value"].Text == "cuda");
            Assert.Equal("conrec:cuda", containers[name]["image"].Text);
        }
        Assert.True(containers["conrec-reward"]["resources"]["limits"].IsMissing);
        Assert.Equal("conrec:cpu", containers["conrec-reward"]["image"].Text);
    }
}
