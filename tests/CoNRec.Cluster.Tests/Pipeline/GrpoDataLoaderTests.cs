using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Pipeline;

namespace CoNRec.Cluster.Tests.Pipeline;

/// <summary>What a joining node does with an offer whose files it cannot read: it says the shared directory is missing.</summary>
public sealed class GrpoDataLoaderTests
{
    [Fact]
    public void An_offer_whose_dataset_this_node_cannot_read_names_the_path_and_the_shared_directory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "conrec-missing-" + Guid.NewGuid().ToString("N"));
        var offer = GrpoDataLoader.Joinable(RunConfig.Demo(), Path.Combine(missing, "data.conrec"), Path.Combine(missing, "model"));

        var error = Assert.Throws<FileNotFoundException>(() => GrpoDataLoader.Load(offer));

        Assert.Contains(Path.Combine(missing, "data.conrec"), error.Message, StringComparison.Ordinal);
        Assert.Contains("shared directory at the same path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offer_carries_the_config_and_absolute_paths()
    {
        var offer = GrpoDataLoader.Joinable(RunConfig.Demo(), "run/data.conrec", "run/sft-warmup/model");

        Assert.Equal(new JoinableRun(RunConfig.Demo().ToJson(), Path.GetFullPath("run/data.conrec"), Path.GetFullPath("run/sft-warmup/model")), offer);
        Assert.Equal(RunConfig.Demo().Fingerprint, RunConfigFile.Parse(offer.ConfigJson, RunConfigFormat.Json).Fingerprint);
    }
}
