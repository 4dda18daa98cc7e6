using CoNRec.Model.Evaluation;
using CoNRec.Model.Policy;
using CoNRec.Model.Sid;
using CoNRec.Model.Vocab;

namespace CoNRec.Cluster.Pipeline;

/// <summary>Where a policy to train comes from: a bundle to continue, a pretrained backbone, or a new preset model.</summary>
public sealed record PolicySource(string? Init, string? Backbone, string? SidFolder, string? Preset, string Device, string DType, int Seed);

/// <summary>The model, its vocabulary and the SIDs its vocabulary names.</summary>
public sealed record OpenedPolicy(PolicyModel Model, Vocabulary Vocabulary, SidArtifactSet Sids, string SidFolder) : IDisposable
{
    public void Dispose() => Model.Dispose();
}

/// <summary>Opens the policy an SFT stage trains, for `conrec sft` and the pipeline alike.</summary>
public static class PolicyOpener
{
    /// <exception cref="ArgumentException">The source is incomplete or contradictory (the message names the option).</exception>
    public static OpenedPolicy Open(PolicySource source, IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Init is { } init)
        {
            if (source.Backbone is not null) throw new ArgumentException("--init and --backbone exclude each other: a bundle already holds its backbone");
            var bundle = PolicyBundle.Load(init, c => c with { Device = source.Device, DType = source.DType });
            return new OpenedPolicy(bundle.Model, bundle.Vocabulary, bundle.Sids, Path.Combine(init, PolicyBundle.SidFolder));
        }
        if (source.SidFolder is null) throw new ArgumentException("--sid is required for a new policy (or give --init BUNDLE)");
        var sids = SidArtifacts.Load(source.SidFolder);
        var levels = ItemSids.LevelSizes(sids.Table);
        if (source.Backbone is { } backbone)
        {
            // config.json and the weight files first: a folder that is not a model is named for what it lacks, not for its tokenizer.
            PolicyConfig.Load(Path.Combine(backbone, PolicyCheckpoint.ConfigFile));
            WeightFiles.Locate(backbone);
            // Our reserved and SID tokens are appended after the tokenizer's; the embedding grows to hold them.
            var vocabulary = Vocabulary.Create(levels, PretrainedTokenizer.Load(backbone));
            var model = PolicyCheckpoint.LoadPretrained(backbone, c => c with { VocabSize = Math.Max(c.VocabSize, vocabulary.Size), Device = source.Device, DType = source.DType });
            return new OpenedPolicy(model, vocabulary, sids, source.SidFolder);
        }
        var titleVocabulary = Vocabulary.Create(levels, BpeTitleTokenizer.Train(titles));
        var preset = source.Preset ?? throw new ArgumentException("a new policy needs a preset (--model) or a backbone (--backbone)");
        var config = PolicyConfig.Preset(preset) with { VocabSize = titleVocabulary.Size, Device = source.Device, DType = source.DType };
        return new OpenedPolicy(new PolicyModel(config, source.Seed), titleVocabulary, sids, source.SidFolder);
    }
}
