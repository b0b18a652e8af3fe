using Microsoft.Extensions.Options;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Turns a bad setting into the one line an operator needs — which key, and why — instead of an unhandled
/// exception with a stack trace. Used by the web host and the CLI alike.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>Exit code of a process stopped by bad configuration (the CLI uses 2 for bad arguments).</summary>
    public const int ExitCode = 3;

    /// <summary>The one-line description, or null when <paramref name="error"/> is not a configuration error.</summary>
    public static string? Describe(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OptionsValidationException invalid:
                    return $"Configuration error: {string.Join(" ", invalid.Failures.Select(f => Qualify(f, invalid.OptionsType)))}";
                case AggregateException many when many.InnerExceptions.Count > 1
                    && many.InnerExceptions.All(i => i is OptionsValidationException):
                    return "Configuration error: " + string.Join(" ", many.InnerExceptions.Cast<OptionsValidationException>()
                        .SelectMany(i => i.Failures.Select(f => Qualify(f, i.OptionsType))));
                case InvalidOperationException bind when bind.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    // The binder names the key ("at 'Database:Provider'"); the inner error says what was wrong with it.
                    return $"Configuration error: {bind.Message} {bind.InnerException?.Message}".TrimEnd();
            }
        }
        return null;
    }

    /// <summary>
    /// Our own validation messages start with the key ("Feeds:TimeoutSeconds must …"); data-annotation ones name only
    /// the property, so the section is put in front.
    /// </summary>
    private static string Qualify(string failure, Type optionsType)
    {
        if (failure.Contains(':', StringComparison.Ordinal) && !failure.StartsWith("DataAnnotation", StringComparison.Ordinal))
        {
            return failure;
        }
        var section = optionsType.GetField("Section")?.GetValue(null) as string ?? optionsType.Name;
        return $"[{section}] {failure}";
    }

    /// <summary>
    /// Runs <paramref name="run"/>; a configuration error becomes one line on stderr and <see cref="ExitCode"/>.
    /// Only when this app is the process: under WebApplicationFactory the entry point runs inside a test host, which
    /// must see the exception itself (a swallowed one leaves it with a disposed host).
    /// </summary>
    public static async Task<int> ReportAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (IsProcessEntryPoint && Describe(ex) is { } line)
        {
            await Console.Error.WriteLineAsync(line);
            return ExitCode;
        }
    }

    private static bool IsProcessEntryPoint => System.Reflection.Assembly.GetEntryAssembly() == typeof(ConfigurationErrors).Assembly;
}
