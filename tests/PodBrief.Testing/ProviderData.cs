using PodBrief.Core.Data;
using Xunit;

namespace PodBrief.Testing;

/// <summary>
/// Theory data that runs a data test once per database provider:
/// <c>[Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]</c>.
/// PostgreSQL cases skip (or fail with PODBRIEF_REQUIRE_POSTGRES=1) when no server can be had.
/// </summary>
public static class ProviderData
{
    public static TheoryData<DatabaseProvider> All => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);
}
