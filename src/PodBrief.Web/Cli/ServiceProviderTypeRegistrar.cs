using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli;

/// <summary>
/// Lets Spectre.Console.Cli build commands from the app's service provider. Commands are created with
/// <see cref="ActivatorUtilities"/>; they take <see cref="IServiceScopeFactory"/> for scoped services.
/// </summary>
internal sealed class ServiceProviderTypeRegistrar(IServiceProvider appServices) : ITypeRegistrar
{
    private readonly ServiceCollection _own = new();

    public void Register(Type service, Type implementation) => _own.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) => _own.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) => _own.AddSingleton(service, _ => factory());

    public ITypeResolver Build() => new Resolver(_own.BuildServiceProvider(), appServices);

    private sealed class Resolver(ServiceProvider own, IServiceProvider app) : ITypeResolver, IDisposable
    {
        public object? Resolve(Type? type)
        {
            if (type is null)
            {
                return null;
            }
            // The app's services win: Spectre's own container also answers for framework types like IServiceScopeFactory.
            if (typeof(ICommand).IsAssignableFrom(type))
            {
                // Spectre registers command types in its own container; build them from the app's instead.
                return ActivatorUtilities.CreateInstance(app, type);
            }
            return app.GetService(type) ?? own.GetService(type) ?? ActivatorUtilities.CreateInstance(app, type);
        }

        public void Dispose() => own.Dispose();
    }
}
