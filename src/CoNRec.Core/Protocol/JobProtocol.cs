namespace CoNRec.Core.Protocol;

/// <summary>
/// <c>conrec submit</c> hands a run to the cluster: the run config as JSON (the format of a run folder's config.json)
/// and where it came from, for the error messages.
/// </summary>
public sealed record SubmitRun(string ConfigJson, string Source) : IConrecMessage;

/// <summary>The cluster took the run: its id, its folder on the cluster's runs volume, and how many runs wait before it.</summary>
public sealed record RunSubmitted(string RunId, string Folder, int Ahead) : IConrecMessage;

/// <summary><c>conrec cancel</c>: stop a submitted run (running or waiting) cleanly.</summary>
public sealed record CancelRun(string RunId) : IConrecMessage;

/// <summary>The cluster's answer to <see cref="SubmitRun"/> or <see cref="CancelRun"/> when it cannot do what was asked.</summary>
public sealed record JobRefused(string Reason) : IConrecMessage;

/// <summary>The run is being stopped (it was running) or was stopped (it was waiting); its status becomes Cancelled.</summary>
public sealed record RunCancelling(string RunId, bool WasRunning) : IConrecMessage;
