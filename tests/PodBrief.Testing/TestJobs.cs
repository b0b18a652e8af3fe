using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Testing;

/// <summary>
/// Stands in front of the app's Hangfire client in tests (there is no Hangfire server): records every job created,
/// runs the job types listed in <see cref="Inline"/> at once (the account mails, so a test sees the mail as soon as
/// the request is answered, as a user would a moment later), and hands every other job to the real client.
/// <see cref="RunPendingAsync"/> performs recorded jobs the way a worker would: a fresh scope, the same arguments.
/// </summary>
public sealed class TestJobs(IBackgroundJobClient inner, IServiceScopeFactory scopes) : IBackgroundJobClient
{
    private readonly ConcurrentQueue<Job> _pending = new();

    /// <summary>Job types run inside <see cref="Create"/>; empty it to queue them like any other job.</summary>
    public HashSet<Type> Inline { get; } = [];

    public ConcurrentQueue<Job> Created { get; } = new();

    public string Create(Job job, IState state)
    {
        Created.Enqueue(job);
        if (Inline.Contains(job.Type))
        {
            Task.Run(() => PerformAsync(job)).GetAwaiter().GetResult();
            return "inline-" + Created.Count;
        }
        _pending.Enqueue(job);
        return inner.Create(job, state);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);

    /// <summary>Runs the recorded jobs not yet run (of <typeparamref name="T"/> only); returns how many ran.
    /// A job that throws is put back, as Hangfire would retry it, and the exception is rethrown.</summary>
    public async Task<int> RunPendingAsync<T>()
    {
        var ran = 0;
        var keep = new List<Job>();
        while (_pending.TryDequeue(out var job))
        {
            if (job.Type != typeof(T))
            {
                keep.Add(job);
                continue;
            }
            try
            {
                await PerformAsync(job);
                ran++;
            }
            catch
            {
                keep.Add(job);
                foreach (var k in keep)
                {
                    _pending.Enqueue(k);
                }
                throw;
            }
        }
        foreach (var k in keep)
        {
            _pending.Enqueue(k);
        }
        return ran;
    }

    public int PendingCount<T>() => _pending.Count(j => j.Type == typeof(T));

    private async Task PerformAsync(Job job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = scope.ServiceProvider.GetRequiredService(job.Type);
        var parameters = job.Method.GetParameters();
        var args = job.Args.Select((a, i) => parameters[i].ParameterType == typeof(CancellationToken) ? CancellationToken.None : a).ToArray();
        try
        {
            if (job.Method.Invoke(instance, args) is Task task)
            {
                await task;
            }
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
