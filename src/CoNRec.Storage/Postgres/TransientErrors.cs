using System.Net.Sockets;
using Npgsql;

namespace CoNRec.Storage.Postgres;

/// <summary>Failures worth retrying: the server restarting, the network dropping, a lock conflict losing.</summary>
static class TransientErrors
{
    // SQLSTATEs of a server going away or refusing for now, and of a transaction that lost a conflict.
    static readonly HashSet<string> States =
    [
        "57P01", // admin_shutdown: a fast or smart shutdown ended the session
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now: starting up or shutting down
        "08000", "08001", "08003", "08004", "08006", // connection exceptions
        "40001", // serialization_failure
        "40P01", // deadlock_detected
        "53300", // too_many_connections
    ];

    public static bool IsTransient(Exception error) => error switch
    {
        PostgresException postgres => postgres.IsTransient || States.Contains(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || IsNetwork(npgsql.InnerException),
        _ => IsNetwork(error),
    };

    static bool IsNetwork(Exception? error) => error switch
    {
        null => false,
        SocketException or IOException or TimeoutException or EndOfStreamException => true,
        _ => IsNetwork(error.InnerException),
    };
}
