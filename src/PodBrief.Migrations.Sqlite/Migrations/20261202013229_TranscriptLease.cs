using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "TranscriptLeaseUntil",
                table: "Episodes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TranscriptLeaseUntil",
                table: "Episodes");
        }
    }
}
