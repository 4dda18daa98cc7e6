using System.Threading.Channels;

namespace CoNRec.Cluster.Devices;

/// <summary>
/// One long-running thread that owns a device's models: work is queued on a channel and run in order, one item
/// at a time, and each call returns a Task that actors <c>PipeTo</c>. TorchSharp's dispose scopes and grad mode are
/// per thread and a model must stay on one thread, so every tensor operation of a role goes through its device
/// thread; Akka's dispatcher threads never run one (and never block on one).
/// </summary>
public sealed class DeviceThread : IDisposable
{
    readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    readonly Thread _thread;

    /// <param name="name">The thread's name, seen in dumps and profilers (e.g. "rollout-device").</param>
    public DeviceThread(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _thread = new Thread(Drain) { Name = name, IsBackground = true };
        _thread.Start();
    }

    public string Name => _thread.Name!;

    /// <summary>The managed id of the device thread (tests check work really runs there).</summary>
    public int ManagedThreadId => _thread.ManagedThreadId;

    /// <summary>
    /// Queues <paramref name="work"/>; the task completes with its result or its exception. A token cancelled
    /// before the work starts cancels the task and skips the work; work already running is not interrupted.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The device thread was disposed.</exception>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        // Continuations must not run on the device thread, where they would delay the next item.
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _work.Writer.TryWrite(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                completion.TrySetResult(work());
            }
            catch (OperationCanceledException e) when (e.CancellationToken == cancellationToken && cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        });
        if (!queued) throw new ObjectDisposedException(Name, "the device thread is stopped");
        return completion.Task;
    }

    /// <summary><see cref="Run{T}"/> for work without a result.</summary>
    public Task Run(Action work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Run(() =>
        {
            work();
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Stops taking work; what is queued still runs (so a final dispose of the models runs on their thread),
    /// then the thread ends. Does not wait for it.
    /// </summary>
    public void Dispose() => _work.Writer.TryComplete();

    void Drain()
    {
        var reader = _work.Reader;
        // A dedicated thread may block while it waits: it has nothing else to do.
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item)) item();
        }
    }
}
