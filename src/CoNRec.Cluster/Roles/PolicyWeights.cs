using System.Globalization;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;
using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Cluster.Roles;

/// <summary>
/// Policy versions on the data plane: the learner publishes version N as <c>policies/v{N}.safetensors</c> in the
/// run folder (written to a temporary name, then renamed, so a reader never sees half a file); a rollout worker
/// that is leased a version it does not hold loads it after checking the sha256. Akka carries only the
/// <see cref="ArtifactRef"/>. On a cluster without a shared volume the learner publishes through its data plane's
/// <see cref="ArtifactPublisher"/> (an http:// URI) and a worker fetches with <see cref="ArtifactFetcher"/> off the model's
/// thread, then calls <see cref="LoadVerified"/> on it.
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

    /// <summary>Loads a published version into <paramref name="model"/> (same architecture). Call on the model's thread.</summary>
    /// <exception cref="InvalidDataException">The hash does not match, or the file does not fit the model.</exception>
    public static void LoadInto(PolicyModel model, ArtifactRef artifact)
    {
        ArgumentNullException.ThrowIfNull(model);
        LoadVerified(model, FileArtifacts.VerifiedFile(artifact));
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
        using var noGrad = no_grad();
        foreach (var (name, target) in targets)
        {
            var source = stored[name];
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{path}: '{name}' has shape [{string.Join(", ", source.shape)}], the model [{string.Join(", ", target.shape)}]");
            target.copy_(source);
        }
    }
}
