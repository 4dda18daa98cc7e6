using CoNRec.Model.Checkpoints;
using CoNRec.Model.Policy;
using CoNRec.Model.Sid;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Evaluation;

/// <summary>
/// Everything needed to use a trained policy, in one sealed folder: <c>policy/</c> (Hugging Face layout:
/// config.json + model.safetensors), <c>vocab.json</c>, and <c>sid/</c> (the SID folder the vocabulary's SID
/// tokens refer to). A bundle is what <c>conrec sft</c> writes and what <c>conrec eval --model</c> and later
/// stages read.
/// </summary>
public sealed class PolicyBundle(PolicyModel model, Vocabulary vocabulary, SidArtifactSet sids, string folder) : IDisposable
{
    public const string PolicyFolder = "policy";
    public const string VocabularyFile = "vocab.json";
    public const string SidFolder = "sid";

    public PolicyModel Model => model;
    public Vocabulary Vocabulary => vocabulary;
    public SidArtifactSet Sids => sids;
    public string Folder => folder;

    public static void Save(string folder, PolicyModel model, Vocabulary vocabulary, string sidFolder) =>
        AtomicFolder.Write(folder, temp =>
        {
            PolicyCheckpoint.SavePretrained(model, Path.Combine(temp, PolicyFolder));
            vocabulary.Save(Path.Combine(temp, VocabularyFile));
            var sidTarget = Directory.CreateDirectory(Path.Combine(temp, SidFolder)).FullName;
            foreach (var file in Directory.GetFiles(sidFolder)) File.Copy(file, Path.Combine(sidTarget, Path.GetFileName(file)));
        });

    /// <exception cref="InvalidDataException">The folder is incomplete or corrupt, or its parts disagree.</exception>
    public static PolicyBundle Load(string folder, Func<PolicyConfig, PolicyConfig>? configure = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such policy folder");
        if (!Directory.Exists(Path.Combine(folder, PolicyFolder)) || !File.Exists(Path.Combine(folder, VocabularyFile)))
            throw new InvalidDataException($"{folder}: not a policy bundle (no {PolicyFolder}/ or {VocabularyFile}; 'conrec sft' writes one to OUT/model)");
        AtomicFolder.Verify(folder);
        var vocabulary = Vocabulary.Load(Path.Combine(folder, VocabularyFile));
        var sids = SidArtifacts.Load(Path.Combine(folder, SidFolder));
        var model = PolicyCheckpoint.LoadPretrained(Path.Combine(folder, PolicyFolder), configure);
        if (model.Config.VocabSize != vocabulary.Size)
        {
            model.Dispose();
            throw new InvalidDataException($"{folder}: the policy's vocab_size {model.Config.VocabSize} does not match {VocabularyFile} ({vocabulary.Size} tokens)");
        }
        return new PolicyBundle(model, vocabulary, sids, folder);
    }

    public void Dispose() => model.Dispose();
}
