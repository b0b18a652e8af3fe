using PodBrief.BrowserTests.Harness;

// One Chromium for the whole run: starting it costs about a second, a context per test costs milliseconds.
[assembly: AssemblyFixture(typeof(Chromium))]
