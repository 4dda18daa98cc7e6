using System.Diagnostics;

namespace CoNRec.Cli.Tests.Commands.Runs;

/// <summary>A store that cannot be read stops every runs command with exit code 2 and one "error:" line.</summary>
public sealed class StoreErrorTests : IDisposable
{
    // Port 1 on the loopback interface: nothing listens there, so every connect is refused at once.
    const string ClosedPort = "postgres://u:secret@127.0.0.1:1/db";

    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[]> ReadingCommands => new()
    {
        new[] { "runs", "list" },
        new[] { "runs", "show", "run-20260101-abcdef" },
        new[] { "report", "run-20260101-abcdef", "--out", "REPORT" },
    };

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task An_unreachable_postgres_store_is_bad_input_naming_the_location_without_the_password(string[] command)
    {
        var clock = Stopwatch.StartNew();

        var result = await Run(command, "--store", ClosedPort);

        AssertBadInput(result, "could not connect to the run store postgres://u@127.0.0.1:1/db");
        Assert.DoesNotContain("secret", result.Out + result.Error, StringComparison.Ordinal);
        // Not a timing benchmark: a generous bound that fails only if the cluster's two-minute retry window were used.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.False(Directory.Exists(_temp.PathOf("REPORT")));
    }

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task A_missing_sqlite_file_is_bad_input_and_is_not_created(string[] command)
    {
        var path = _temp.PathOf("nothing-here.db");

        var result = await Run(command, "--store", path);

        AssertBadInput(result, $"no run store at sqlite:{path}: the file does not exist");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_run_directory_without_a_store_is_bad_input_naming_the_store_file()
    {
        var result = await Run(["runs", "list"], "--run-dir", _temp.Root);

        AssertBadInput(result, $"no run store at sqlite:{_temp.PathOf("store.db")}");
    }

    [Theory]
    [InlineData("nonsense", "--store is not a store location (got 'nonsense')")]
    [InlineData("sqlite:", "--store: sqlite: needs a file path")]
    [InlineData("postgres://u:secret@db.internal:5432/", "--store: the PostgreSQL location needs a database name")]
    [InlineData("postgres://u:secret@db.internal:5432/db?colour=blue", "--store: unknown parameter 'colour'")]
    public async Task A_malformed_location_is_bad_input_naming_the_setting(string location, string named)
    {
        var result = await Run(["runs", "list"], "--store", location);

        AssertBadInput(result, named);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_sqlite_database_is_bad_input_naming_it()
    {
        var path = _temp.Write("notes.db", "these are notes, not a database\n");

        var result = await Run(["runs", "list"], "--store", path);

        AssertBadInput(result, $"sqlite:{path} is not a usable SQLite run store");
    }

    [Fact]
    public async Task A_non_positive_store_timeout_is_bad_input_naming_the_option()
    {
        var result = await Run(["runs", "list"], "--store", ClosedPort, "--store-timeout", "0");

        AssertBadInput(result, "--store-timeout must be a number of seconds > 0 (got 0)");
    }

    Task<RunResult> Run(string[] command, params string[] store) =>
        Conrec.RunAsync([.. command.Select(a => a == "REPORT" ? _temp.PathOf("REPORT") : a), .. store]);

    static void AssertBadInput(RunResult result, string named)
    {
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(named, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
