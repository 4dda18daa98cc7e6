using CoNRec.Core.Protocol;

namespace CoNRec.Core.Coordination;

/// <summary>What happens to the coordinator; time is an input (Unix milliseconds), never read from a clock.</summary>
public abstract record CoordinatorInput(long NowMs);

/// <summary>A message from a worker or the learner.</summary>
public sealed record MessageArrived(IConrecMessage Message, long NowMs) : CoordinatorInput(NowMs);

/// <summary>The periodic tick: leases past their deadline go back to the pool.</summary>
public sealed record Tick(long NowMs) : CoordinatorInput(NowMs);

/// <summary>The cluster reports a worker's node gone: its leases go back at once, without waiting for deadlines.</summary>
public sealed record WorkerLost(string WorkerId, long NowMs) : CoordinatorInput(NowMs);

/// <summary>A decision: the next state and the effects the actor executes, in order.</summary>
public sealed record Decision(CoordinatorState State, IReadOnlyList<CoordinatorEffect> Effects);
