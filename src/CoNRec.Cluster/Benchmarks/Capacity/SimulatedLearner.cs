using Akka.Actor;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Benchmarks.Capacity;

/// <summary>
/// A learner without a model, at /user/learner where the coordinator finds it: every step is "learned" at once as the
/// next policy version with a made-up artifact reference, and every checkpoint "written" as a file URI under
/// <c>folder</c> (the coordinator only records it, and deletes it if retention retires it).
/// </summary>
public sealed class SimulatedLearner : ReceiveActor
{
    readonly string _folder;
    long _version;

    public SimulatedLearner(string folder)
    {
        _folder = folder;
        Receive<LearnStep>(OnLearn);
        Receive<WriteCheckpoint>(OnCheckpoint);
    }

    public static Props Props(string folder) => Akka.Actor.Props.Create(() => new SimulatedLearner(folder));

    void OnLearn(LearnStep step)
    {
        _version = step.PolicyVersion + 1;
        Sender.Tell(new StepLearned(step.RunId, step.Step, _version, new ArtifactRef($"sim://policy/{_version}", "00", 0), []));
    }

    void OnCheckpoint(WriteCheckpoint request)
    {
        var folder = Path.Combine(_folder, $"checkpoint-{request.Step}");
        Directory.CreateDirectory(folder);
        Sender.Tell(new CheckpointWritten(request.RunId, request.Step, _version, new ArtifactRef(new Uri(folder).AbsoluteUri, "00", 0)));
    }
}
