using CoNRec.Core.Curriculum;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Protocol;
using CoNRec.Core.Rewards;
using CoNRec.Core.Swing;
using CoNRec.Model.Evaluation;
using CoNRec.Model.Generation;
using CoNRec.Model.Grpo;
using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Cluster.Roles;

/// <summary>
/// What every role of a GRPO run reads, built once per process from the same inputs, so that an
/// <see cref="AnchorRef"/> means the same prompt on every node: the split, the vocabulary, each item's SID,
/// the task builder that writes prompts, the SID trie that constrains generation and the reward context.
/// Immutable after construction and safe to share between threads.
/// </summary>
public sealed class GrpoData
{
    /// <param name="policyFolder">The warm-up policy in Hugging Face layout (a bundle's <c>policy/</c>): the
    /// first policy version and the frozen reference.</param>
    /// <param name="itemSids">Item index -> SID codes per level, suffix last.</param>
    /// <param name="rewards">The reward context over the split's history (SID embeddings, Swing neighbours, options).</param>
    /// <param name="weighting">Cross-stage up-weighting of samples close to the future positives; null: every sample weighs 1.</param>
    public GrpoData(string policyFolder, Vocabulary vocabulary, EvaluationSplit split, IReadOnlyList<int[]> itemSids, RewardContext rewards,
        TaskOptions? tasks = null, SampleWeightingOptions? weighting = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyFolder);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(itemSids);
        ArgumentNullException.ThrowIfNull(rewards);
        if (itemSids.Count != split.Dataset.Items.Count)
            throw new ArgumentException($"{itemSids.Count} item SIDs for a catalogue of {split.Dataset.Items.Count} items", nameof(itemSids));
        if (rewards.ItemCount != split.Dataset.Items.Count)
            throw new ArgumentException($"the reward context covers {rewards.ItemCount} items, the catalogue {split.Dataset.Items.Count}", nameof(rewards));
        PolicyFolder = Path.GetFullPath(policyFolder);
        Vocabulary = vocabulary;
        Split = split;
        ItemSids = itemSids;
        Rewards = rewards;
        Tasks = new TaskBuilder(split, vocabulary, itemSids, tasks ?? new TaskOptions());
        Trie = new SidTrie([.. itemSids.Select(s => vocabulary.Sid.Encode(s))]);
        Scorer = new RewardScorer(rewards);
        Weighting = weighting is null ? null : new SampleWeighting(rewards, weighting);
    }

    /// <summary>
    /// The data of a run that starts from a policy bundle (the warm-up SFT's <c>OUT/model</c>): its policy folder and
    /// vocabulary, each dataset item's SID and SID embedding from the bundle's SID folder (matched by external id),
    /// and a reward context over the split's history.
    /// </summary>
    /// <exception cref="InvalidDataException">A dataset item has no SID in the bundle.</exception>
    public static GrpoData FromBundle(PolicyBundle bundle, EvaluationSplit split, RewardOptions rewards, IItemNeighbors? neighbors = null,
        TaskOptions? tasks = null, SampleWeightingOptions? weighting = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(split);
        var items = split.Dataset.Items;
        var sidFolder = Path.Combine(bundle.Folder, PolicyBundle.SidFolder);
        var itemSids = Model.Evaluation.ItemSids.For(items, bundle.Sids, sidFolder);
        var rowOf = new Dictionary<string, int>(bundle.Sids.ExternalIds.Count, StringComparer.Ordinal);
        for (var r = 0; r < bundle.Sids.ExternalIds.Count; r++) rowOf[bundle.Sids.ExternalIds[r]] = r;
        var table = bundle.Sids.Embeddings;
        var dim = table.GetLength(1);
        var embeddings = new float[items.Count * dim];
        for (var item = 0; item < items.Count; item++)
        {
            var row = rowOf[items.ExternalIds[item]];
            for (var d = 0; d < dim; d++) embeddings[item * dim + d] = table[row, d];
        }
        var context = RewardContext.FromSplit(split, embeddings, dim, itemSids, neighbors, rewards);
        return new GrpoData(Path.Combine(bundle.Folder, PolicyBundle.PolicyFolder), bundle.Vocabulary, split, itemSids, context, tasks, weighting);
    }

    public string PolicyFolder { get; }
    public Vocabulary Vocabulary { get; }
    public EvaluationSplit Split { get; }
    public IReadOnlyList<int[]> ItemSids { get; }
    public RewardContext Rewards { get; }
    public TaskBuilder Tasks { get; }
    public SidTrie Trie { get; }
    public RewardScorer Scorer { get; }
    public SampleWeighting? Weighting { get; }

    /// <summary>The prompt's context kind from a message's stage context name (<see cref="StageContext"/>).</summary>
    /// <exception cref="ArgumentException">Not a stage context name.</exception>
    public static ContextKind ContextOf(string stageContext) =>
        Enum.TryParse<StageContext>(stageContext, ignoreCase: false, out var context) && Enum.IsDefined(context)
            ? context.ToContextKind()
            : throw new ArgumentException($"'{stageContext}' is not a stage context ({string.Join(", ", Enum.GetNames<StageContext>())})", nameof(stageContext));

    /// <summary>The token ids of an anchor's prompt in the given context (what the rollout and the learner both read).</summary>
    public int[] Prompt(AnchorRef anchor, ContextKind context) => Tasks.ContextPrompt(TrainingAnchorOf(anchor), context).InputIds;

    public int[][] Prompts(IReadOnlyList<AnchorRef> anchors, ContextKind context)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var prompts = new int[anchors.Count][];
        for (var i = 0; i < prompts.Length; i++) prompts[i] = Prompt(anchors[i], context);
        return prompts;
    }

    /// <summary>Where the anchor's reward looks into the future (as <see cref="GrpoSampler.RewardAnchorOf"/>).</summary>
    public static RewardAnchor RewardAnchorOf(AnchorRef anchor) => new(anchor.User, anchor.ContextEnd, anchor.Time);

    public static AnchorRef AnchorRefOf(TrainingAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return new AnchorRef(anchor.User, anchor.ContextStart, anchor.ContextEnd, anchor.Time);
    }

    TrainingAnchor TrainingAnchorOf(AnchorRef anchor)
    {
        var events = Split.Dataset.Events;
        if ((uint)anchor.User >= (uint)events.UserCount || anchor.ContextEnd < anchor.ContextStart || anchor.ContextEnd >= events.Count)
            throw new ArgumentException($"anchor {anchor} does not name events of this dataset", nameof(anchor));
        return new TrainingAnchor(anchor.User, anchor.ContextStart, anchor.ContextEnd, anchor.Time, events.Items[anchor.ContextEnd]);
    }
}
