using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DigestStateIndexOpenOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Digests_State_NextAttemptAt",
                table: "Digests");

            migrationBuilder.CreateIndex(
                name: "IX_Digests_State_NextAttemptAt",
                table: "Digests",
                columns: new[] { "State", "NextAttemptAt" },
                filter: "\"State\" = 'Pending' OR \"State\" = 'Sending' OR \"State\" = 'Failed' OR \"State\" = 'Unknown'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Digests_State_NextAttemptAt",
                table: "Digests");

            migrationBuilder.CreateIndex(
                name: "IX_Digests_State_NextAttemptAt",
                table: "Digests",
                columns: new[] { "State", "NextAttemptAt" });
        }
    }
}
