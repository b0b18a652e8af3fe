# Multi-stage build: the .NET 10 SDK publishes, the ASP.NET Core runtime runs (non-root, port 8080).
#
# .NET 10 images are Ubuntu 24.04 "Noble" (there are no Debian images for .NET 10), and their runtime-deps layer
# already installs what PodBrief needs: libicu74 (culture-aware text handling; InvariantGlobalization is false),
# tzdata and tzdata-legacy (IANA time zones for subscribers' local delivery times), ca-certificates, libssl3t64.
# So this file installs no OS package at all. (Checked in dotnet/dotnet-docker: src/runtime-deps/10.0/noble/*/Dockerfile,
# the base of src/aspnet/10.0/noble.) The images have no curl either, hence the bash health check in compose.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore layer: only what restore reads, so a code change does not restore again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PodBrief.Core/PodBrief.Core.csproj src/PodBrief.Core/
COPY src/PodBrief.Migrations.Postgres/PodBrief.Migrations.Postgres.csproj src/PodBrief.Migrations.Postgres/
COPY src/PodBrief.Migrations.Sqlite/PodBrief.Migrations.Sqlite.csproj src/PodBrief.Migrations.Sqlite/
COPY src/PodBrief.Web/PodBrief.Web.csproj src/PodBrief.Web/
RUN dotnet restore src/PodBrief.Web/PodBrief.Web.csproj
COPY src/ src/
RUN dotnet publish src/PodBrief.Web/PodBrief.Web.csproj -c Release -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
WORKDIR /app
COPY --from=build /app ./
# Data directory (SQLite file when used, mail outbox, data-protection keys) on a volume owned by the app user
# (APP_UID comes from the base image).
RUN mkdir -p /data && chown "$APP_UID" /data
# The base image already sets ASPNETCORE_HTTP_PORTS=8080 and DOTNET_RUNNING_IN_CONTAINER=true.
ENV App__DataDirectory=/data
VOLUME ["/data"]
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "PodBrief.Web.dll"]
