using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsightsLlmCostPrecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
