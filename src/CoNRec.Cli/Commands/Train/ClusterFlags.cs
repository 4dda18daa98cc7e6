using System.CommandLine;
using System.Globalization;
using CoNRec.Cluster.Configuration;

namespace CoNRec.Cli.Commands.Train;

/// <summary>
/// <c>--hostname</c>, <c>--port</c>, <c>--rollout-workers</c> and <c>--reward-workers</c> of <c>conrec train</c> and
/// <c>conrec resume</c>: they override the run config's <c>cluster</c> section (resumable), so that <c>conrec node</c>
/// processes can join through HOSTNAME:PORT.
/// </summary>
internal sealed class ClusterFlags
{
    readonly Option<string?> _hostname = new("--hostname") { Description = "the address joining nodes reach this process at (cluster.hostname)" };
    readonly Option<int?> _port = new("--port") { Description = "a fixed remoting port, the seed conrec node joins through (cluster.port; 0: a free port)" };
    readonly Option<int?> _rollout = new("--rollout-workers") { Description = "rollout workers in this process (cluster.rolloutWorkers; 0: joined nodes roll out)" };
    readonly Option<int?> _reward = new("--reward-workers") { Description = "reward workers in this process (cluster.rewardWorkers; 0: joined nodes score)" };

    public IEnumerable<Option> Options => [_hostname, _port, _rollout, _reward];

    /// <exception cref="BadInputException">A flag's value is out of range (names the flag).</exception>
    public RunConfig Apply(RunConfig config, ParseResult result)
    {
        var cluster = config.Cluster;
        if (result.GetValue(_hostname) is { } hostname)
            cluster = cluster with { Hostname = Uri.CheckHostName(hostname) != UriHostNameType.Unknown ? hostname : throw Bad($"--hostname '{hostname}' is not a host name or an IP address") };
        if (result.GetValue(_port) is { } port)
            cluster = cluster with { Port = port is >= 0 and <= 65535 ? port : throw Bad(Inv($"--port must be in [0, 65535] (got {port})")) };
        if (result.GetValue(_rollout) is { } rollout)
            cluster = cluster with { RolloutWorkers = rollout >= 0 ? rollout : throw Bad(Inv($"--rollout-workers must be >= 0 (got {rollout})")) };
        if (result.GetValue(_reward) is { } reward)
            cluster = cluster with { RewardWorkers = reward >= 0 ? reward : throw Bad(Inv($"--reward-workers must be >= 0 (got {reward})")) };
        return config with { Cluster = cluster };
    }

    static BadInputException Bad(string message) => new(message);

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
