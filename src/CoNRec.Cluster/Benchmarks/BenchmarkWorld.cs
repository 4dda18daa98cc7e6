using CoNRec.Cluster.Roles;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Rewards;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Cluster.Benchmarks;

/// <summary>
/// The benchmark's world: a synthetic dataset split 7 days before its end, item i's SID [i / 32, (i / 4) % 8, i % 4]
/// with its SID embedding the level one-hots weighted 1, 0.5 and 0.25, and a freshly initialised warm-up policy
/// saved in a temporary folder (deleted on dispose). Both paths read the same <see cref="Data"/>.
/// </summary>
public sealed class BenchmarkWorld : IDisposable
{
    static readonly int[] Levels = [8, 8, 4];
    const int EmbeddingDim = 20;

    public BenchmarkWorld(OrchestrationBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataset = SyntheticWorld.Generate(new SyntheticWorldOptions
        {
            Seed = (int)options.Seed, Users = options.Users, Items = options.Items, Days = 40, TopCategories = 4, SubcategoriesPerTop = 4,
            StylesPerLeaf = 2, TextFeatureDim = 8, ImageFeatureDim = 4, DailyActivityProbability = 0.6,
        });
        var split = EvaluationSplit.Create(dataset, new SplitOptions());
        var itemSids = new int[dataset.Items.Count][];
        var embeddings = new float[dataset.Items.Count * EmbeddingDim];
        for (var i = 0; i < itemSids.Length; i++)
        {
            itemSids[i] = [i / 32, i / 4 % 8, i % 4];
            embeddings[i * EmbeddingDim + itemSids[i][0]] = 1f;
            embeddings[i * EmbeddingDim + 8 + itemSids[i][1]] = 0.5f;
            embeddings[i * EmbeddingDim + 16 + itemSids[i][2]] = 0.25f;
        }
        var vocabulary = Vocabulary.Create(Levels, BpeTitleTokenizer.Train(dataset.Items.Titles, new BpeTrainingOptions { VocabularySize = 128 }));
        var rewards = RewardContext.FromSplit(split, embeddings, EmbeddingDim, itemSids, neighbors: null, new RewardOptions());

        Folder = Path.Combine(Path.GetTempPath(), "conrec-bench-" + Guid.NewGuid().ToString("N"));
        var policyFolder = Path.Combine(Folder, "warmup", "policy");
        var preset = PolicyConfig.Preset(options.Policy);
        // Room for the prompt's instruction and the SID beyond the context.
        var config = preset with { VocabSize = vocabulary.Size, MaxPositionEmbeddings = Math.Max(preset.MaxPositionEmbeddings, 2 * options.MaxContextTokens) };
        using (var policy = new PolicyModel(config, seed: options.Seed))
            PolicyCheckpoint.SavePretrained(policy, policyFolder);
        Data = new GrpoData(policyFolder, vocabulary, split, itemSids, rewards, new TaskOptions { MaxContextTokens = options.MaxContextTokens });
    }

    public string Folder { get; }
    public GrpoData Data { get; }

    /// <summary>A fresh folder for one run's data plane and store.</summary>
    public string NewRunFolder(string name)
    {
        var folder = Path.Combine(Folder, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
