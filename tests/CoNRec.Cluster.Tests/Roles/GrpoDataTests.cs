using CoNRec.Cluster.Roles;
using CoNRec.Core.Rewards;
using CoNRec.Model.Evaluation;
using CoNRec.Model.Sid;
using CoNRec.Model.Tasks;

namespace CoNRec.Cluster.Tests.Roles;

public sealed class GrpoDataTests(TinyWorld world) : IClassFixture<TinyWorld>
{
    [Fact]
    public void A_bundle_gives_each_dataset_item_its_sid_and_embedding_by_external_id()
    {
        var items = world.Data.Split.Dataset.Items;
        // The bundle lists items in reverse order: matching must go by external id, not by position.
        var rows = Enumerable.Range(0, items.Count).Reverse().ToArray();
        var codes = new int[items.Count, 2];
        var embeddings = new float[items.Count, 3];
        for (var r = 0; r < rows.Length; r++)
        {
            var item = rows[r];
            (codes[r, 0], codes[r, 1]) = (item / 8, item / 2 % 4);
            (embeddings[r, 0], embeddings[r, 1], embeddings[r, 2]) = (item / 8, item % 8, 1);
        }
        var table = new SidTable(codes, codebookSize: 4);
        var sids = new SidArtifactSet([.. rows.Select(i => items.ExternalIds[i])], table, embeddings, table.Report());
        var model = world.NewPolicy(seed: 1);   // the bundle owns and disposes it
        using var bundle = new PolicyBundle(model, world.Data.Vocabulary, sids, Path.GetDirectoryName(world.Data.PolicyFolder)!);

        var data = GrpoData.FromBundle(bundle, world.Data.Split, new RewardOptions { Variant = RewardVariant.NegativesOnly }, tasks: new TaskOptions { MaxContextTokens = 40 });

        Assert.Equal(world.Data.PolicyFolder, data.PolicyFolder);
        // Items 2k and 2k+1 share their codes; the suffix numbers them in the bundle's row order (reversed here).
        Assert.Equal([0, 0, 1], data.ItemSids[0]);
        Assert.Equal([0, 0, 0], data.ItemSids[1]);
        Assert.Equal([1, 0, 0], data.ItemSids[9]);
        // Item 0's embedding is (0, 0, 1), item 9's (1, 1, 1).
        Assert.Equal(1 / MathF.Sqrt(3), data.Rewards.Cosine(0, 9), 5);
        Assert.Equal(3, data.Rewards.EmbeddingDim);
    }
}
