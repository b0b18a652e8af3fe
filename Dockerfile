# Multi-stage build: SDK to publish, ASP.NET runtime to run (non-root, port 8080, time zone data present).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig PodBrief.sln ./
COPY src/ src/
RUN dotnet publish src/PodBrief.Web/PodBrief.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# IANA time zones for subscribers' local delivery times; ICU for culture-aware text handling.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata libicu72 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Data directory (SQLite file when used, mail outbox, data-protection keys) on a volume owned by the app user.
RUN mkdir -p /data && chown "$APP_UID" /data
ENV ASPNETCORE_URLS=http://+:8080 \
    App__DataDirectory=/data \
    DOTNET_RUNNING_IN_CONTAINER=true
VOLUME ["/data"]
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "PodBrief.Web.dll"]
