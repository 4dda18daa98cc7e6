using CoNRec.Cluster.Roles;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Protocol;
using CoNRec.Core.Rewards;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Cluster.Tests.Roles;

/// <summary>
/// The GRPO tests' small world (as the Model tests build it): 60 users, 32 items, 40 days, split 7 days before
/// the end. Item i's SID is [i / 8, (i / 2) % 4, i % 2] and its SID embedding the level one-hots weighted 1, 0.5
/// and 0.25, so items sharing a prefix are close. A Tiny warm-up policy is saved in a temporary folder, deleted
/// with the fixture.
/// </summary>
public sealed class TinyWorld : IDisposable
{
    public static readonly int[] Levels = [4, 4, 2];
    const int EmbeddingDim = 10;

    public TinyWorld()
    {
        var dataset = SyntheticWorld.Generate(new SyntheticWorldOptions
        {
            Seed = 7, Users = 60, Items = 32, Days = 40, TopCategories = 2, SubcategoriesPerTop = 2, StylesPerLeaf = 2,
            TextFeatureDim = 8, ImageFeatureDim = 4, DailyActivityProbability = 0.6,
        });
        var split = EvaluationSplit.Create(dataset, new SplitOptions());
        int[][] itemSids = [.. Enumerable.Range(0, dataset.Items.Count).Select(i => new[] { i / 8, i / 2 % 4, i % 2 })];
        var vocabulary = Vocabulary.Create(Levels, BpeTitleTokenizer.Train(dataset.Items.Titles, new BpeTrainingOptions { VocabularySize = 48 }));
        var embeddings = new float[dataset.Items.Count * EmbeddingDim];
        for (var i = 0; i < dataset.Items.Count; i++)
        {
            embeddings[i * EmbeddingDim + itemSids[i][0]] = 1f;
            embeddings[i * EmbeddingDim + 4 + itemSids[i][1]] = 0.5f;
            embeddings[i * EmbeddingDim + 8 + itemSids[i][2]] = 0.25f;
        }
        var rewards = RewardContext.FromSplit(split, embeddings, EmbeddingDim, itemSids, neighbors: null, new RewardOptions { Variant = RewardVariant.NegativesOnly });

        Folder = Path.Combine(Path.GetTempPath(), "conrec-cluster-" + Guid.NewGuid().ToString("N"));
        var policyFolder = Path.Combine(Folder, "warmup", "policy");
        using (var policy = new PolicyModel(PolicyConfig.Tiny with { VocabSize = vocabulary.Size }, seed: 11))
            PolicyCheckpoint.SavePretrained(policy, policyFolder);
        Data = new GrpoData(policyFolder, vocabulary, split, itemSids, rewards, new TaskOptions { MaxContextTokens = 40, ExamplesPerUser = 4 });
    }

    /// <summary>The fixture's temporary folder (the warm-up policy lives in warmup/policy).</summary>
    public string Folder { get; }

    public GrpoData Data { get; }

    /// <summary>A fresh folder under the fixture's, for one test's run.</summary>
    public string NewFolder(string name)
    {
        var folder = Path.Combine(Folder, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Eligible anchors of the whole-negatives context, in a seeded order.</summary>
    public AnchorRef[] Anchors(int count, int seed = 3) =>
        [.. new GrpoSampler(Data.Tasks, Data.Rewards, ContextKind.Negatives, seed).Next(count).Anchors.Select(GrpoData.AnchorRefOf)];

    public PolicyModel NewPolicy(long seed) => new(PolicyConfig.Tiny with { VocabSize = Data.Vocabulary.Size }, seed);

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
