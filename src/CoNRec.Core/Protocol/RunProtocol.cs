namespace CoNRec.Core.Protocol;

/// <summary>A node that joined the cluster asks the coordinator which run it coordinates, to start workers for it.</summary>
/// <param name="NodeId">The asking node's address, for the coordinator's log.</param>
public sealed record RunWanted(string NodeId) : IConrecMessage;

/// <summary>
/// The run the coordinator coordinates, with what a joining node needs to build the run's data exactly as the
/// coordinator's node did: the run config as JSON, the dataset file and the warm-up policy bundle. The paths are the
/// coordinator node's: a joining node must read them at the same path (a shared directory).
/// </summary>
/// <param name="Finished">The run is over: a node stops its workers for it.</param>
public sealed record RunOffer(string RunId, bool Finished, string ConfigJson, string DatasetPath, string WarmupBundle) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"RunId = {RunId}, Finished = {Finished}, DatasetPath = {DatasetPath}, WarmupBundle = {WarmupBundle}");
        return true;
    }
}
