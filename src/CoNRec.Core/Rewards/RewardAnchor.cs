namespace CoNRec.Core.Rewards;

/// <summary>
/// Where a reward looks into the future: user <see cref="User"/>'s events from index <see cref="FutureStart"/>
/// on, seen at time <see cref="Time"/> (Unix seconds). For a GRPO training anchor these are its User, ContextEnd
/// and Time (the last context event's time).
/// </summary>
public readonly record struct RewardAnchor(int User, int FutureStart, long Time);
