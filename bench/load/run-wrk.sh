#!/usr/bin/env bash
# Load check of the subscriber pages: a Release build on loopback, SQLite in a temp data dir, wrk against the
# landing page (with a few insight cards in "Related insights") and a real subscriber's preferences page.
# The subscriber is made through the app itself (signup form -> outboxed email -> confirm), so the preferences
# token is a genuine one. Prints requests/s and p99 latency per page.
#
# Usage: bench/load/run-wrk.sh            (THREADS=2 CONNECTIONS=32 DURATION=15s by default)
#        NO_PUBLISH=1 bench/load/run-wrk.sh   reuse the last publish in $WORK_DIR/app
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-15s}"
WORK_DIR="${WORK_DIR:-${TMPDIR:-/tmp}/podbrief-load}"
APP_DIR="$WORK_DIR/app"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/podbrief-load-data.XXXXXX")"

for tool in wrk curl sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "run-wrk.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done

if [[ "${NO_PUBLISH:-0}" != "1" || ! -f "$APP_DIR/PodBrief.Web.dll" ]]; then
  echo "== Publishing Release build to $APP_DIR"
  dotnet publish "$ROOT/src/PodBrief.Web" -c Release -o "$APP_DIR" --nologo -v quiet -p:WarningLevel=0 | grep -v "warning NU1603" || true
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"

# Configuration through environment variables (the same keys as appsettings.json).
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$BASE"
export App__DataDirectory="$DATA_DIR"
export App__PublicBaseUrl="$BASE"
export Database__Provider=Sqlite
# The job server runs while the subscriber signs up (the confirmation mail is a Hangfire job, SendAccountMailJob),
# then the app is restarted without it, so the measurement sees no recurring ticks.
export Jobs__RunServer=true
export Feeds__LoadStarterCatalog=false
export Logging__LogLevel__Default=Warning

APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

echo "== Migrating a fresh SQLite database in $DATA_DIR"
(cd "$APP_DIR" && dotnet PodBrief.Web.dll migrate >/dev/null)

echo "== Seeding topics, a podcast, an episode and insight cards"
sqlite3 "$DATA_DIR/podbrief.db" <<'SQL'
PRAGMA foreign_keys = ON;
INSERT OR IGNORE INTO Topics (Slug, Name, Description, IsActive, SortOrder) VALUES
  ('ai', 'AI & machine learning', 'Models, training, inference and the AI industry.', 1, 0),
  ('science', 'Science', 'Research findings across the sciences.', 1, 1),
  ('business', 'Business & startups', 'Companies, markets and strategy.', 1, 2),
  ('health', 'Health', 'Sleep, nutrition, fitness and mental health.', 1, 3);
INSERT INTO Podcasts (FeedUrl, Title, SiteUrl, Status, AddedBy, NextCheckAt, ConsecutiveErrors, CreatedAt, UpdatedAt)
  VALUES ('https://feeds.example.com/load.xml', 'Open Weights Weekly', 'https://open-weights.example.com/', 'Active', 'Operator',
          strftime('%Y-%m-%d %H:%M:%S', 'now', '+1 hour'), 0, strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now'));
INSERT INTO Episodes (PodcastId, IdentityKey, Title, PublishedAt, PublishedAtEstimated, Link, FirstSeenAt, UpdatedAt,
                      TranscriptStatus, TranscriptProvenance, TranscriptAttempts, ExtractionStatus, ExtractionAttempts)
  VALUES (last_insert_rowid(), 'load-1', 'Episode 142: Who owns a model?', strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 day'), 0,
          'https://open-weights.example.com/142', strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now'),
          'Available', 'Publisher', 1, 'Done', 1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
INSERT INTO InsightCards (EpisodeId, PodcastId, Headline, Body, Quote, QuoteStartSeconds, Importance, Provenance, Confidence, ExtractorName, CreatedAt)
  SELECT e.Id, e.PodcastId, 'Insight number ' || i || ': distillation makes closed models leak their edge',
         'Large, centralized AI models are vulnerable to distillation: a smaller model can be trained cheaply by querying the larger one.',
         'if you can query it, you can distill it', 60 * i + 11, 1.0 - i / 10.0, 'Publisher', 'High', 'load-seed',
         strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || i || ' hours')
  FROM n, Episodes e WHERE e.IdentityKey = 'load-1';
SQL

start_app() {
  echo "== Starting the app on $BASE (job server: $Jobs__RunServer)"
  (cd "$APP_DIR" && exec dotnet PodBrief.Web.dll >>"$DATA_DIR/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "The app exited:" >&2; cat "$DATA_DIR/app.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fsS "$BASE/healthz" >/dev/null
}
stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
start_app

echo "== Signing up a subscriber through the site (form -> outbox -> confirm)"
JAR="$DATA_DIR/cookies"
antiforgery() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1; }
TOKEN="$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/" | antiforgery)"
curl -fsS -o /dev/null -c "$JAR" -b "$JAR" "$BASE/" --data-urlencode "__RequestVerificationToken=$TOKEN" \
  --data-urlencode "Email=load.check@example.com" --data-urlencode "Topics=ai" --data-urlencode "TimeZone=Europe/Berlin"
EML=""
for _ in $(seq 1 150); do
  EML="$(ls "$DATA_DIR"/outbox/*.eml 2>/dev/null | head -n1 || true)"
  [[ -n "$EML" ]] && break
  sleep 0.2
done
[[ -n "$EML" ]] || { echo "No confirmation email in $DATA_DIR/outbox; the app's log:" >&2; tail -n 40 "$DATA_DIR/app.log" >&2; exit 1; }
# Undo quoted-printable soft line breaks before looking for the link.
CONFIRM_PATH="$(sed -e ':a' -e '/=\r\?$/{N;s/=\r\?\n//;ba' -e '}' "$EML" | grep -o '/confirm/[A-Za-z0-9_-]*' | head -n1)"
[[ -n "$CONFIRM_PATH" ]] || { echo "No confirmation link in $EML" >&2; exit 1; }
TOKEN="$(curl -fsS -c "$JAR" -b "$JAR" "$BASE$CONFIRM_PATH" | antiforgery)"
LOCATION="$(curl -fsS -o /dev/null -w '%{redirect_url}' -c "$JAR" -b "$JAR" "$BASE$CONFIRM_PATH" --data-urlencode "__RequestVerificationToken=$TOKEN")"
PREFERENCES_URL="${LOCATION%%\?*}"
[[ "$PREFERENCES_URL" == *"/preferences/"* ]] || { echo "Confirm did not redirect to preferences (got '$LOCATION')" >&2; exit 1; }
# Into a file first: "curl | grep -q" fails under pipefail when grep stops reading at its first match.
curl -fsS -o "$DATA_DIR/preferences.html" "$PREFERENCES_URL"
grep -q 'id="preferences-form"' "$DATA_DIR/preferences.html" || { echo "Preferences page did not render" >&2; exit 1; }
curl -fsS -o "$DATA_DIR/landing.html" "$BASE/"
grep -q 'Insight number 1' "$DATA_DIR/landing.html" || { echo "Landing page shows no insight cards" >&2; exit 1; }

stop_app
export Jobs__RunServer=false
start_app
curl -fsS -o "$DATA_DIR/landing.html" "$BASE/"
grep -q 'Insight number 1' "$DATA_DIR/landing.html" || { echo "Landing page shows no insight cards after the restart" >&2; exit 1; }

run_wrk() {
  local name="$1" url="$2" out
  echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency  ($name)"
  # Warm up (JIT, Razor view compilation, EF query cache) so the run measures steady state.
  wrk -t1 -c4 -d3s "$url" >/dev/null
  # A 10 s timeout (wrk's default is 2 s) so a slow tail shows up in p99 instead of being cut off as "timeout".
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$url")"
  echo "$out" | sed 's/^/   /'
  local rps p99 non2xx timeouts
  rps="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
  non2xx="$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')"
  timeouts="$(echo "$out" | sed -n 's/.*timeout \([0-9]*\).*/\1/p')"
  RESULTS+=("$(printf '%-12s %10s req/s   p99 %8s   non-2xx %s   timeouts %s' "$name" "$rps" "$p99" "${non2xx:-0}" "${timeouts:-0}")")
  RPS["$name"]="$rps"
  P99["$name"]="$p99"
}

RESULTS=()
declare -A RPS P99
# /healthz first: the floor of what a request costs here (routing, middleware, Kestrel), the yardstick of issue 13.
run_wrk healthz "$BASE/healthz"
run_wrk landing "$BASE/"
run_wrk preferences "$PREFERENCES_URL"

echo
# The machine's load matters more than anything else on a shared box: print it beside the figures.
echo "== Summary ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $THREADS threads, $CONNECTIONS connections, $DURATION, Release, SQLite, loopback)"
printf '%s\n' "${RESULTS[@]}"
# Issue 13 goal: the landing page at >= 0.5x the requests/s of /healthz in the same run, p99 <= 20 ms at 32 connections.
RATIO="$(python3 -c "print(f'{float(\"${RPS[landing]}\") / float(\"${RPS[healthz]}\"):.2f}')")"
echo "wrk: landing ${RPS[landing]} req/s, healthz ${RPS[healthz]} req/s, ratio $RATIO, landing p99 ${P99[landing]} at $CONNECTIONS connections (load average $(cut -d' ' -f1-3 /proc/loadavg))"
