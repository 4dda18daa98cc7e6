using System.Data.Common;
using System.Globalization;
using CoNRec.Cluster.Reporting;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using CoNRec.Storage.Migrations;
using CoNRec.Storage.Postgres;

namespace CoNRec.Cli.Commands.Db;

/// <summary>
/// Opens a run store for a command and words what can go wrong as bad input (exit 2) naming the redacted
/// location: a missing SQLite file, a PostgreSQL server that cannot be reached within the timeout or refuses
/// the login, a schema that needs <c>conrec db migrate</c>.
/// </summary>
public static class StoreConnection
{
    /// <summary>
    /// Opens an existing store and runs <paramref name="body"/> on it. A SQLite file is never created here (a
    /// mistyped path would otherwise leave an empty store behind); PostgreSQL operations retry transient
    /// failures for at most <paramref name="timeout"/>.
    /// </summary>
    public static async Task ReadAsync(StoreLocation location, TimeSpan timeout, Func<IRunStore, Task> body, CancellationToken ct)
    {
        if (location.Kind == StoreKind.Sqlite && !File.Exists(location.SqlitePath))
            throw new BadInputException($"no run store at {location.Redacted}: the file does not exist");

        var retry = new StoreRetryOptions { MaxElapsed = timeout };
        var store = await GuardAsync(location, timeout, token => RunStore.OpenAsync(location, retry: retry, cancellationToken: token), ct);
        await using (store)
            await GuardAsync(location, null, async _ => { await body(store); return true; }, ct);
    }

    /// <summary>
    /// Runs a store operation, turning an unreachable server and a schema mismatch into bad input. An operation
    /// that connects passes <paramref name="connectDeadline"/>: a PostgreSQL server still silent then is given
    /// up (a connect to a host that drops packets otherwise waits for the driver's own timeout), and database
    /// errors while connecting (refused login, unknown database, a file that is not SQLite) are bad input too.
    /// </summary>
    public static async Task<T> GuardAsync<T>(StoreLocation location, TimeSpan? connectDeadline, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        var deadline = location.Kind == StoreKind.Postgres ? connectDeadline : null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (deadline is { } cancelAt) limit.CancelAfter(cancelAt);
        Task<T>? task = null;
        try
        {
            task = operation(limit.Token);
            // The driver does not always heed cancellation while it waits for a server's first reply, so the
            // wait itself is bounded too (shortly after the token fires, to let a cancellation that works win).
            return deadline is { } waitAt ? await task.WaitAsync(waitAt + CancellationGrace, ct) : await task;
        }
        // The bounded wait's TimeoutException means the deadline passed even if the token's own timer has not fired
        // yet: on a loaded machine the two timers may run in either order.
        catch (Exception e) when (!ct.IsCancellationRequested && (e is TimeoutException || (e is OperationCanceledException && limit.IsCancellationRequested)))
        {
            if (task is not null) Abandon(task);
            throw new BadInputException($"could not connect to the run store {location.Redacted} within {Seconds(deadline!.Value)} s");
        }
        catch (RunStoreUnavailableException e)
        {
            throw new BadInputException($"could not connect to the run store {location.Redacted}: {Redact(e.InnerException?.Message ?? e.Message)} " +
                $"(gave up after {e.Attempts} attempts; --store-timeout sets how long to retry)");
        }
        catch (StoreSchemaException e)
        {
            throw new BadInputException(e.Message);
        }
        catch (DbException e) when (connectDeadline is not null && Describe(location, e) is { } problem)
        {
            throw new BadInputException(problem);
        }
    }

    /// <summary>What a database error means for the user, or null for an error that is not theirs to fix.</summary>
    static string? Describe(StoreLocation location, DbException e)
    {
        var message = Redact(e.Message);
        if (location.Kind == StoreKind.Sqlite)
            return $"{location.Redacted} is not a usable SQLite run store: {message}";
        return e.SqlState switch
        {
            // Connection-level failures (refused, unreachable, TLS) carry no SQLSTATE.
            null or "" => $"could not connect to the run store {location.Redacted}: {message}",
            var state when state.StartsWith("08", StringComparison.Ordinal) => $"could not connect to the run store {location.Redacted}: {message}",
            var state when state.StartsWith("28", StringComparison.Ordinal) => $"the run store {location.Redacted} refused the login: {message}",
            "3D000" => $"the run store {location.Redacted} has no such database: {message}",
            _ => null,
        };
    }

    static readonly TimeSpan CancellationGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>Lets an operation given up on finish in the background: a store it opens late is closed, a late failure observed.</summary>
    static void Abandon<T>(Task<T> task) =>
        _ = task.ContinueWith(static t =>
        {
            if (t.IsCompletedSuccessfully && t.Result is IAsyncDisposable late) _ = late.DisposeAsync().AsTask();
            else _ = t.Exception;
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    // Driver messages do not carry the password, but a URL or connection string quoted in one would.
    static string Redact(string message) => SecretRedactor.RedactText(message);

    static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
