namespace CoNRec.Cli.Tests.Commands.Node;

/// <summary><c>conrec node</c>'s flags: refusals name the flag and exit 2 before anything starts.</summary>
public sealed class NodeCommandTests
{
    public static TheoryData<string[], string> BadFlags => new()
    {
        { ["--roles", "coordinator", "--seed", "localhost:4053", "--store", "sqlite:/tmp/never/store.db", "--runs-dir", "/tmp/never"],
            "a cluster needs the PostgreSQL store (postgres://USER@HOST:PORT/DB) that every coordinator node shares" },
        { ["--roles", "coordinator", "--seed", "localhost:4053", "--store", "postgres://conrec@localhost:1/conrec"], "--roles coordinator needs --runs-dir DIR" },
        { ["--roles", "coordinator", "--seed", "localhost:4053", "--store", "postgres://conrec:secret@localhost:1/conrec", "--runs-dir", "/tmp/never"],
            "store.location must not hold a password" },
        { ["--roles", "gardener", "--seed", "localhost:4053"], "--roles: 'gardener' is not a role" },
        { ["--roles", "rollout", "--seed", "localhost"], "--seed 'localhost' must be HOST:PORT" },
        { ["--roles", "rollout", "--seed", "localhost:70000"], "--seed 'localhost:70000' must be HOST:PORT with a port in [1, 65535]" },
        { ["--roles", "rollout", "--seed", "bad host:4053"], "--seed 'bad host:4053': 'bad host' is not a host name" },
        { ["--roles", "rollout", "--seed", "localhost:4053", "--port", "70000"], "--port must be in [0, 65535] (got 70000)" },
        { ["--roles", "rollout", "--seed", "localhost:4053", "--workers", "0"], "--workers must be >= 1 (got 0)" },
        { ["--roles", "rollout", "--seed", "localhost:4053", "--hostname", "a b"], "--hostname 'a b' is not a host name" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task A_bad_flag_is_bad_input_naming_the_flag(string[] flags, string message)
    {
        var result = await Conrec.RunAsync(["node", .. flags]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_node_without_a_store_is_bad_input_naming_the_flag_and_the_variable()
    {
        var result = await Conrec.RunAsync("node", "--roles", "coordinator,learner", "--seed", "localhost:4053", "--runs-dir", "/tmp/never");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("--store", error, StringComparison.Ordinal);
        Assert.Contains("CONREC_STORE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_whose_port_is_taken_is_bad_input_naming_the_port()
    {
        var port = LoopbackPorts.FreeAbove(20_000);
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        taken.Start();

        var result = await Conrec.RunAsync("node", "--roles", "rollout", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", $"localhost:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--port {port.ToString(System.Globalization.CultureInfo.InvariantCulture)}: cannot listen on localhost:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_without_a_seed_is_bad_input()
    {
        var result = await Conrec.RunAsync("node", "--roles", "rollout,reward");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--seed", string.Join('\n', result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_refuses_a_port_out_of_range_naming_the_flag()
    {
        var result = await Conrec.RunAsync("train", "--demo", "--port", "70000", "--run-dir", Path.Combine(Path.GetTempPath(), "conrec-never-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--port must be in [0, 65535] (got 70000)", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
