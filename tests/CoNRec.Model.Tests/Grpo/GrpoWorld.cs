using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Grpo;
using CoNRec.Core.Rewards;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Generation;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;
using AdamW = CoNRec.Model.Training.AdamW;
using Vocabulary = CoNRec.Model.Vocab.Vocabulary;

namespace CoNRec.Model.Tests.Grpo;

/// <summary>
/// A small synthetic world for GRPO: 60 users, 32 items in 8 attribute groups, 40 days, split 7 days before the
/// end. Item i's SID is [i / 8, (i / 2) % 4, i % 2] (levels of 4, 4 and 2 codes) and its SID embedding the
/// one-hot codes weighted 1, 0.5 and 0.25 by level, so items sharing a prefix are close in cosine.
/// </summary>
internal sealed class GrpoWorld
{
    public static readonly int[] Levels = [4, 4, 2];
    public const int EmbeddingDim = 10;

    static readonly Lazy<GrpoWorld> SharedWorld = new(() => new GrpoWorld());

    public static GrpoWorld Shared => SharedWorld.Value;

    GrpoWorld()
    {
        var dataset = SyntheticWorld.Generate(new SyntheticWorldOptions
        {
            Seed = 7, Users = 60, Items = 32, Days = 40, TopCategories = 2, SubcategoriesPerTop = 2, StylesPerLeaf = 2,
            TextFeatureDim = 8, ImageFeatureDim = 4, DailyActivityProbability = 0.6,
        });
        Split = EvaluationSplit.Create(dataset, new SplitOptions());
        ItemSids = [.. Enumerable.Range(0, dataset.Items.Count).Select(i => new[] { i / 8, i / 2 % 4, i % 2 })];
        Vocabulary = Vocabulary.Create(Levels, BpeTitleTokenizer.Train(dataset.Items.Titles, new BpeTrainingOptions { VocabularySize = 48 }));
        Tasks = new TaskBuilder(Split, Vocabulary, ItemSids, new TaskOptions { MaxContextTokens = 40, ExamplesPerUser = 4 });
        Trie = new SidTrie([.. Enumerable.Range(0, dataset.Items.Count).Select(i => Tasks.Format.Sids.Of(i).ToArray())]);
        Embeddings = new float[dataset.Items.Count * EmbeddingDim];
        for (var i = 0; i < dataset.Items.Count; i++)
        {
            var sid = ItemSids[i];
            Embeddings[i * EmbeddingDim + sid[0]] = 1f;
            Embeddings[i * EmbeddingDim + 4 + sid[1]] = 0.5f;
            Embeddings[i * EmbeddingDim + 8 + sid[2]] = 0.25f;
        }
    }

    public EvaluationSplit Split { get; }
    public Dataset Dataset => Split.Dataset;
    public IReadOnlyList<int[]> ItemSids { get; }
    public Vocabulary Vocabulary { get; }
    public TaskBuilder Tasks { get; }
    public SidTrie Trie { get; }
    public float[] Embeddings { get; }

    public PolicyConfig Config => PolicyConfig.Tiny with { VocabSize = Vocabulary.Size };

    public RewardContext Rewards(RewardOptions? options = null) =>
        RewardContext.FromSplit(Split, Embeddings, EmbeddingDim, ItemSids, neighbors: null, options ?? new RewardOptions { Variant = RewardVariant.NegativesOnly });

    public PolicyModel Policy(long seed = 11) => new(Config, seed);

    /// <summary>A learner whose reference starts as a copy of the policy (the warm-up model in a real run).</summary>
    public Learner Learner(long seed = 11)
    {
        var policy = Policy(seed);
        var reference = Policy(seed);
        var optimizer = new AdamW(policy.named_parameters().Select(p => (p.name, p.parameter)), weightDecay: 0);
        return new Learner(new LearnerPhase(policy, reference, Trie, optimizer, Vocabulary.PadId));
    }

    public static GrpoOptions Options => new() { Beta = 0.04, Epochs = 2, MiniBatches = 2 };
}

/// <summary>Owns a learner's models and optimizer for a test.</summary>
internal sealed class Learner(LearnerPhase phase) : IDisposable
{
    public LearnerPhase Phase => phase;

    public void Dispose()
    {
        phase.Optimizer.Dispose();
        phase.Policy.Dispose();
        phase.Reference.Dispose();
    }
}
