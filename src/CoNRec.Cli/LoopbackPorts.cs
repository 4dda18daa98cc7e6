using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CoNRec.Cli;

/// <summary>Ports for the processes a command (or a test) starts on this machine.</summary>
internal static class LoopbackPorts
{
    /// <summary>A loopback port free now, above <paramref name="above"/> (ports taken in order stay in order).</summary>
    public static int FreeAbove(int above)
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
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"no free loopback port above {above}"));
    }
}
