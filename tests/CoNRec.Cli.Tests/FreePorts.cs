using System.Net;
using System.Net.Sockets;

namespace CoNRec.Cli.Tests;

/// <summary>Ports for processes the tests start on loopback.</summary>
internal static class FreePorts
{
    /// <summary>A port free now, above <paramref name="above"/> (so that ports taken in order stay apart).</summary>
    public static int Above(int above)
    {
        for (var port = above + 1 + Random.Shared.Next(200); port < 65_000; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next
            }
        }
        throw new InvalidOperationException($"no free port above {above}");
    }
}
