using Npgsql;

namespace CoNRec.Storage.Tests;

public sealed class StoreLocationTests
{
    static readonly Func<string, string?> NoEnvironment = _ => null;

    static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_sqlite_prefix_or_a_db_file_means_sqlite()
    {
        var prefixed = StoreLocation.Parse("sqlite:runs/demo/store.db", environment: NoEnvironment);
        var file = StoreLocation.Parse("/var/conrec/runs.db", environment: NoEnvironment);

        Assert.Equal((StoreKind.Sqlite, Path.GetFullPath("runs/demo/store.db")), (prefixed.Kind, prefixed.SqlitePath));
        Assert.Equal((StoreKind.Sqlite, "/var/conrec/runs.db"), (file.Kind, file.SqlitePath));
        Assert.Equal("sqlite:/var/conrec/runs.db", file.ToString());
    }

    [Fact]
    public void A_postgres_url_is_parsed_and_never_shows_its_password()
    {
        var location = StoreLocation.Parse("postgres://conrec:p%40ss%3Aw0rd@db.internal:5433/runs?sslmode=require", environment: NoEnvironment);
        var settings = new NpgsqlConnectionStringBuilder(location.PostgresConnectionString);

        Assert.Equal(StoreKind.Postgres, location.Kind);
        Assert.Equal(("db.internal", 5433, "runs", "conrec", "p@ss:w0rd", SslMode.Require),
            (settings.Host, settings.Port, settings.Database, settings.Username, settings.Password, settings.SslMode));
        Assert.Equal("postgres://conrec@db.internal:5433/runs", location.Redacted);
        Assert.Equal(location.Redacted, location.ToString());
        Assert.Equal(location.Redacted, $"{location}");
    }

    [Fact]
    public void A_postgres_url_without_a_port_uses_5432()
    {
        var location = StoreLocation.Parse("postgresql://conrec@db/conrec", environment: NoEnvironment);

        Assert.Equal("postgres://conrec@db:5432/conrec", location.Redacted);
    }

    [Fact]
    public void A_keyword_connection_string_is_postgres_and_never_shows_its_password()
    {
        var location = StoreLocation.Parse("Host=db;Username=conrec;Password=hunter2;Database=conrec", environment: NoEnvironment);

        Assert.Equal(StoreKind.Postgres, location.Kind);
        Assert.Equal("hunter2", new NpgsqlConnectionStringBuilder(location.PostgresConnectionString).Password);
        Assert.DoesNotContain("hunter2", location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_can_come_from_the_environment_or_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-file\n");
            var fromVariable = StoreLocation.Parse("postgres://conrec@db/conrec", environment: Environment((StoreLocation.PasswordVariable, "from-env")));
            var fromFile = StoreLocation.Parse("postgres://conrec@db/conrec", environment: Environment((StoreLocation.PasswordFileVariable, file)));
            var inline = StoreLocation.Parse("postgres://conrec:inline@db/conrec", environment: Environment((StoreLocation.PasswordVariable, "from-env")));

            Assert.Equal("from-env", new NpgsqlConnectionStringBuilder(fromVariable.PostgresConnectionString).Password);
            Assert.Equal("from-file", new NpgsqlConnectionStringBuilder(fromFile.PostgresConnectionString).Password);
            Assert.Equal("inline", new NpgsqlConnectionStringBuilder(inline.PostgresConnectionString).Password);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_unreadable_password_file_is_named_in_the_error()
    {
        var environment = Environment((StoreLocation.PasswordFileVariable, "/no/such/secret"));

        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse("postgres://conrec@db/conrec", environment: environment));

        Assert.Contains(StoreLocation.PasswordFileVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flag_wins_over_the_environment_which_wins_over_the_run_directory_default()
    {
        var environment = Environment((StoreLocation.StoreVariable, "postgres://conrec@db/conrec"));

        var flag = StoreLocation.Resolve("sqlite:/tmp/flag.db", "/runs/demo", environment: environment);
        var fromEnvironment = StoreLocation.Resolve(null, "/runs/demo", environment: environment);
        var fallback = StoreLocation.Resolve(null, "/runs/demo", environment: NoEnvironment);

        Assert.Equal("/tmp/flag.db", flag.SqlitePath);
        Assert.Equal(StoreKind.Postgres, fromEnvironment.Kind);
        Assert.Equal("/runs/demo/store.db", fallback.SqlitePath);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("sqlite:", "needs a file path")]
    [InlineData("mysql://root:secret@db/conrec", "is not a store location")]
    [InlineData("postgres://conrec:secret@db/conrec?pool=9", "unknown parameter 'pool'")]
    [InlineData("postgres://conrec:secret@db", "needs a database name")]
    [InlineData("Host=db;Password=secret;Colour=blue", "not a valid PostgreSQL connection string")]
    public void Bad_locations_are_errors_that_name_the_setting_but_not_the_password(string value, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(value, "--store", NoEnvironment));

        Assert.StartsWith("--store", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_in_the_environment_variable_names_the_variable()
    {
        var environment = Environment((StoreLocation.StoreVariable, "nonsense"));

        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Resolve(null, "/runs/demo", environment: environment));

        Assert.StartsWith(StoreLocation.StoreVariable, error.Message, StringComparison.Ordinal);
    }
}
