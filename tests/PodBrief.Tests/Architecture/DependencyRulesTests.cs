using NetArchTest.Rules;
using PodBrief.Core.Data;

namespace PodBrief.Tests.Architecture;

/// <summary>
/// The arrows of GUIDE.md "Which part may use which", checked on the compiled Core assembly: a folder of
/// PodBrief.Core (its namespace) may use only the folders listed for it. Adding a forbidden <c>using</c> (and
/// using a type from it) fails this test and names the offending types.
/// </summary>
public class DependencyRulesTests
{
    private const string Core = "PodBrief.Core";

    /// <summary>
    /// Every folder of Core and what it may use besides itself. Data owns every entity (see Data/README.md), so
    /// stages share rows through Data, never through each other; Common and Jobs are shared infrastructure.
    /// </summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Digests"] = ["Ranking", "Mail", "Subscribers", "Insights", "Common", "Jobs", "Data"],
        ["Ranking"] = ["Insights", "Subscribers", "Common", "Data"],
        ["Insights"] = ["Transcripts", "Common", "Jobs", "Data"],
        ["Transcripts"] = ["Common", "Jobs", "Data"],
        ["Feeds"] = ["Common", "Jobs", "Data"],
        ["Subscribers"] = ["Mail", "Common", "Jobs", "Data"],
        ["Mail"] = ["Common"],
        ["Jobs"] = ["Common"],
        ["Common"] = ["Data"],
        ["Data"] = [],
    };

    public static TheoryData<string> Folders() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_folders_it_may_use(string folder)
    {
        var forbidden = Allowed.Keys.Where(f => f != folder && !Allowed[folder].Contains(f)).Select(f => $"{Core}.{f}").ToArray();

        var result = Types.InAssembly(typeof(PodBriefDbContext).Assembly)
            .That().ResideInNamespace($"{Core}.{folder}")
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{folder} uses a folder it may not: "
            + string.Join(", ", result.FailingTypes.Select(t => t.FullName)));
    }

    [Fact]
    public void Every_namespace_of_Core_is_a_known_folder()
    {
        var folders = typeof(PodBriefDbContext).Assembly.GetTypes()
            .Select(t => t.Namespace).Where(n => n is not null && n.StartsWith(Core + ".", StringComparison.Ordinal))
            .Select(n => n![(Core.Length + 1)..].Split('.')[0]).Distinct().Order().ToList();

        Assert.Equal(Allowed.Keys.Order().ToList(), folders);
    }

    [Fact]
    public void Core_never_uses_Web()
    {
        var result = Types.InAssembly(typeof(PodBriefDbContext).Assembly)
            .ShouldNot().HaveDependencyOnAny("PodBrief.Web", "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, "Core uses Web: " + string.Join(", ", result.FailingTypes.Select(t => t.FullName)));
    }
}
