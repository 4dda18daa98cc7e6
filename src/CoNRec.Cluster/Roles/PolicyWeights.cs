using System.Globalization;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;
using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Cluster.Roles;

/// <summary>
/// Policy versions on the data plane: the learner publishes version N as <c>policies/v{N}.safetensors</c> in the
/// run folder (written to a temporary name, then renamed, so a reader never sees half a file) and describes it
/// through its data plane's <see cref="ArtifactPublisher"/> (a file:// URI on a shared volume, or an http:// URI on
/// its own server). Akka carries only the <see cref="ArtifactRef"/>. A rollout worker leased a version it does not
/// hold fetches and verifies it with <see cref="ArtifactFetcher"/> off the model's thread, then calls
/// <see cref="LoadVerified"/> on the model's thread.
/// </summary>
public static class PolicyWeights
{
    public const string Folder = "policies";

    public static string PathOf(string runFolder, long version) =>
        Path.Combine(runFolder, Folder, string.Create(CultureInfo.InvariantCulture, $"v{version}.safetensors"));

    /// <summary>Writes the model's weights as version <paramref name="version"/>. Call on the model's thread.</summary>
    /// <param name="publisher">How other nodes will reach the file; by default a file:// URI on a shared volume.</param>
    public static ArtifactRef Publish(PolicyModel model, string runFolder, long version, ArtifactPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var path = PathOf(runFolder, version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (NewDisposeScope())
        {
            var metadata = new Dictionary<string, string> { ["format"] = "pt", ["policy_version"] = version.ToString(CultureInfo.InvariantCulture) };
            SafeTensors.Write(temp, model.state_dict(), metadata);
        }
        File.Move(temp, path, overwrite: true);
        return (publisher ?? ArtifactPublisher.SharedDirectory).DescribeFile(path);
    }

    /// <summary>
    /// The warm-up weights as version 0 in a form a remote node can fetch: one file, <c>policies/v0.safetensors</c>,
    /// written from the loaded model (a sharded warm-up folder becomes one file with the model's tensor names), so
    /// version 0 is fetched and loaded like every other version. Loads the model on the calling thread, on the CPU.
    /// </summary>
    public static ArtifactRef PublishWarmup(string policyFolder, string runFolder, ArtifactPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        using var model = PolicyCheckpoint.LoadPretrained(policyFolder, c => c with { Device = "cpu" });
        return Publish(model, runFolder, 0, publisher);
    }

    /// <summary>Loads weights already checked against their sha256 (<see cref="ArtifactFetcher"/>). Call on the model's thread.</summary>
    /// <exception cref="InvalidDataException">The file does not fit the model.</exception>
    public static void LoadVerified(PolicyModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        var stored = SafeTensors.Read(path);
        var targets = model.state_dict();
        var missing = targets.Keys.Where(k => !stored.ContainsKey(k)).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"{path}: lacks {missing.Length} tensor(s) of the model, e.g. '{missing[0]}'");
        // Every shape is checked before any weight is copied: a file that does not fit leaves the model as it was.
        foreach (var (name, target) in targets)
        {
            var source = stored[name];
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{path}: '{name}' has shape [{string.Join(", ", source.shape)}], the model [{string.Join(", ", target.shape)}]");
        }
        using var noGrad = no_grad();
        foreach (var (name, target) in targets) target.copy_(stored[name]);
    }
}
