using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PodBrief.Core.Data;

namespace PodBrief.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for this provider without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PodBriefDbContext>
{
    public PodBriefDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PodBriefDbContext>();
        options.UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name));
        return new PodBriefDbContext(options.Options);
    }
}
