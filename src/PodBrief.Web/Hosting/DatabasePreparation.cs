using Microsoft.Extensions.Options;
using PodBrief.Core.Data;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Applies migrations (when Database:MigrateOnStartup) and runs the seeders while the host is starting, before
/// the server takes requests and before any job runs. Doing it in the host's start (not after Build() in
/// Program) means every host — including in-process test hosts — is fully prepared once StartAsync returns.
/// </summary>
internal sealed class DatabasePreparation(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await DatabaseSetup.PrepareAsync(scope.ServiceProvider, options.Value.ShouldMigrateOnStartup, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
