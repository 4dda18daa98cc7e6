using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CoNRec.Storage.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL server shared by every PostgreSQL test of the run: initdb into a temp folder, then
/// pg_ctl start on a free loopback port with its unix socket in that folder. When the tests run as root, the
/// server tools run as the `postgres` OS user (PostgreSQL refuses root) through runuser, and the folder is
/// handed to that user. Password authentication over TCP (scram-sha-256), so the stores connect as a real
/// deployment would. One database for the run, a fresh schema per test (<see cref="CreateStoreAsync"/>);
/// dispose stops the server and deletes the folder.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    const string SuperUser = "conrec_test";
    const string ServerUser = "postgres";
    const string Database = "conrec_tests";

    string _bin = "";
    string _root = "";
    bool _asServerUser;
    int _stores;

    public int Port { get; private set; }

    /// <summary>The superuser's password (random per run).</summary>
    public string Password { get; } = Guid.NewGuid().ToString("N");

    string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl, postgres), found neither through " +
            "`pg_config --bindir` nor under /usr/lib/postgresql/*/bin. Install the `postgresql` package " +
            "(Debian/Ubuntu: sudo apt-get install postgresql) and run the tests again.");
        _root = Path.Combine(Path.GetTempPath(), "conrec-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        _asServerUser = Environment.IsPrivilegedProcess;
        var passwordFile = Path.Combine(_root, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (_asServerUser)
            await RunAsync("chown", ["-R", $"{ServerUser}:", _root], asServerUser: false);

        await RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", DataDirectory, "-U", SuperUser, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], asServerUser: true);
        File.Delete(passwordFile);
        Port = FreePort();
        await StartAsync();
        await ExecuteAsync("postgres", $"CREATE DATABASE {Database}");
    }

    public async Task DisposeAsync()
    {
        if (_root.Length == 0)
            return;
        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Starts the server (again) on the same port and data, returning once it accepts connections.</summary>
    public Task StartAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
        ["start", "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
         // Durability settings off: a test server's data is thrown away, and fsync is most of its start-up cost.
         string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off")],
        asServerUser: true);

    /// <summary>Stops the server (fast mode: open sessions are ended with 57P01, as in a real restart).</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], asServerUser: true);

    /// <summary>
    /// A new, empty store: its own schema in the test database, reached through the search path. A schema is as
    /// isolated as a database for the store and costs milliseconds where CREATE DATABASE copies a template.
    /// </summary>
    public async Task<StoreLocation> CreateStoreAsync() => StoreLocation.Parse(ConnectionString(Database, await CreateSchemaAsync()));

    /// <summary>
    /// A new, empty store as a <c>postgres://</c> URL without the password (a config file never holds one: give a child
    /// process <see cref="Password"/> through CONREC_STORE_PASSWORD); the schema is set through the URL's options.
    /// </summary>
    public async Task<string> CreateStoreUrlAsync()
    {
        var schema = await CreateSchemaAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"postgres://{SuperUser}@127.0.0.1:{Port}/{Database}?options={Uri.EscapeDataString("-c search_path=" + schema)}");
    }

    async Task<string> CreateSchemaAsync()
    {
        var schema = "store_" + Interlocked.Increment(ref _stores).ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(Database, $"CREATE SCHEMA {schema}");
        return schema;
    }

    string ConnectionString(string database, string? schema = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
        SearchPath = schema,
    }.ConnectionString;

    async Task ExecuteAsync(string database, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        // Names this fixture made up: identifiers cannot be parameters.
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static string? FindBinaries()
    {
        static bool HasServer(string? dir) => dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        try
        {
            using var pgConfig = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, UseShellExecute = false });
            var dir = pgConfig!.StandardOutput.ReadToEnd().Trim();
            pgConfig.WaitForExit();
            if (pgConfig.ExitCode == 0 && HasServer(dir))
                return dir;
        }
        catch (Win32Exception)
        {
            // No pg_config on the PATH: look in the Debian layout below.
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
            return null;
        return Directory.GetDirectories(debian)
            .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
            .Where(d => HasServer(d.Bin))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Bin)
            .FirstOrDefault();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var start = new ProcessStartInfo
        {
            FileName = asServerUser && _asServerUser ? "runuser" : file,
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && _asServerUser)
        {
            foreach (var a in new[] { "-u", ServerUser, "--", file })
                start.ArgumentList.Add(a);
        }

        foreach (var a in arguments)
            start.ArgumentList.Add(a);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await output}\n{await error}\n{serverLog}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
