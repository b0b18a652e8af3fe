using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PodBrief.IntegrationTests.Jobs;

/// <summary>
/// The built web app (`dotnet PodBrief.Web.dll`, no verb) as its own process with its Hangfire server, on 127.0.0.1 and a
/// free port, configured only through environment variables as an operator would. Started next to CLI processes
/// (<see cref="Hosting.OperatorCliTests.RunCliAsync"/>) on the same database, it is the "web app and CLI at once" case.
/// </summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>What the process printed so far (for assertion messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<WebProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PodBrief.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await web.WaitUntilHealthyAsync();
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
        return web;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    private async Task WaitUntilHealthyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, $"the web app exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync("healthz", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "the web app did not answer /healthz within 60 s:\n" + Output);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A port the OS just handed out; free again once the listener closes (a race we accept in tests).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }
}
