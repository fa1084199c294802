#!/usr/bin/env bash
# HTTP benchmark suite (issue 9). Not a test. Run from anywhere:
#
#   bench/run.sh                   # 80 people (the demo organisation), about 5 minutes on 2 cores
#   bench/run.sh --people 1000     # or 5000: extra people and participants generated with SQL, schedule re-planned
#   bench/run.sh --people 1000 --serve   # set up the same organisation, print the URLs, keep the app running
#
# JVM: the Dockerfile's options (-Xms64m -Xmx192m, serial GC, MALLOC_ARENA_MAX=2, class-data sharing of the extracted jar); BENCH_JVM_OPTS replaces the
# options, BENCH_JAVA_OPTS adds to them (e.g. a flight recording), BENCH_PLAIN_JAR=1 runs the fat jar without CDS.
# A flight recording needs BENCH_PLAIN_JAR=1: JFR with the dynamic CDS archive crashes this JDK 17 at start-up
# (SIGSEGV in KlassFactory::check_shared_class_file_load_hook, 2026-11-30).
# Knobs: BENCH_DURATION (seconds per wrk run, default 10), BENCH_WARMUP (seconds, default 5), BENCH_SWAPS (distinct
# open covers accepted at once, default 64), BENCH_NO_ASSIGNER=1 skips calling bench/run-assigner.sh (default: skipped
# unless BENCH_ASSIGNER=1, since it takes minutes; see its own section in docs/BENCHMARKS.md).
# Installs wrk and nginx with apt-get when missing. All traffic goes to 127.0.0.1; every load is bounded in time.
# Prints one markdown table and keeps it in bench/target/latest-http.md. See docs/BENCHMARKS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
people=80
serve=0
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve=1; shift ;;
    --people) people="$2"; shift 2 ;;
    --people=*) people="${1#*=}"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-5}
nswaps=${BENCH_SWAPS:-64}
out=bench/target
mkdir -p "$out"
work=$(mktemp -d /tmp/imoc-bench.XXXXXX)
app_port=${BENCH_APP_PORT:-18080}
nginx_port=${BENCH_NGINX_PORT:-18081}
pg_port=${BENCH_PG_PORT:-15432}
base="http://127.0.0.1:$app_port"
app_pid=""
nginx_pid=""

cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v psql >/dev/null || need+=(postgresql-client)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

echo "Building the jar ..." >&2
./mvnw -q -B -DskipTests package >&2
jar=$(ls target/imoc-scheduler-*.jar | grep -v plain | head -1)

# The deployment shape (as in the Dockerfile): the jar extracted, a class-data-sharing archive made by a training run
# (the context is refreshed once on a throw-away database, then the JVM exits), and the recommended JVM options.
# BENCH_PLAIN_JAR=1 runs `java -jar` on the fat jar instead, to compare.
java_opts=${BENCH_JVM_OPTS:-"-Xms64m -Xmx192m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=256m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=10000"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if [ "${BENCH_PLAIN_JAR:-0}" != 1 ]; then
  echo "Extracting the jar and making its class-data-sharing archive (a training run) ..." >&2
  java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >&2
  jar="$work/app/$(basename "$jar")"
  java -XX:ArchiveClassesAtExit="$work/app/app.jsa" -Dspring.context.exit=onRefresh -jar "$jar" \
    --imoc.embedded-db.data-dir="$work/train" --imoc.embedded-db.clean=true --imoc.demo=false --server.port=0 \
    --logging.level.root=WARN > "$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }
  # spring.context.exit=onRefresh ends the JVM without stopping the embedded PostgreSQL it started: stop it here.
  pkill -f "postgres -D $work/train" 2>/dev/null || true
  # -Xshare:on: the JVM refuses to start when it cannot use the archive (issue 17, fifth round). Without it, an
  # archive whose recorded class path no longer matches (the extracted jar moved or copied elsewhere) is dropped
  # silently, and the start-up measured is that of the classes loaded from the jars: 8-14 s more JVM CPU per start.
  java_opts="-XX:SharedArchiveFile=$work/app/app.jsa -Xshare:on $java_opts"
fi

# start_app LOG: starts the app on $work/db and waits until it is healthy; sets app_pid and startup_ms.
start_app() {
  local log=$1
  t0=$(date +%s%N)
  java $java_opts ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$app_port" --imoc.embedded-db.data-dir="$work/db" --imoc.embedded-db.port="$pg_port" \
    --imoc.demo=true --imoc.base-url="$base" --logging.level.root=WARN > "$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 1200); do
    if curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.05
  done
  startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  # CPU time the JVM spent until then (user + system, all its threads): unlike the wall time, hardly changed by other
  # work on a shared machine.
  startup_cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$app_pid/stat")
}
# Another session's app (or benchmark) on these ports would be measured instead of ours, silently: refuse.
for port in "$app_port" "$nginx_port" "$pg_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is in use (another app or benchmark?): set BENCH_APP_PORT, BENCH_NGINX_PORT, BENCH_PG_PORT" >&2
    exit 1
  fi
done
echo "Starting the app (embedded PostgreSQL in $work/db) ..." >&2
start_app "$work/app.log"
pg=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q)
# The demo seeds in a runner after the web server is up: wait for its shifts.
for _ in $(seq 1 600); do
  n=$("${pg[@]}" -At -c "select count(*) from shift" 2>/dev/null || echo 0)
  [ "${n:-0}" -gt 0 ] && break
  sleep 0.2
done
seeded_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

python3 bench/client.py login "$base" coordinator@example.com demo > "$work/coordinator"

have=$("${pg[@]}" -At -c "select count(*) from person")
if [ "$people" -gt "$have" ]; then
  extra=$((people - have))
  echo "Generating $extra more people in the IMOC rotation and re-planning ..." >&2
  "${pg[@]}" <<SQL >&2
insert into person (name, email, job_title, grade, time_zone, region, start_date, onboarding_state, password_hash)
select 'Bench Person ' || g, 'bench.' || g || '@example.com', 'BACKEND_ENGINEERING_MANAGER', 8 + (g % 2),
       (array['America/New_York', 'Europe/Berlin', 'Asia/Singapore'])[1 + g % 3],
       (array['AMER', 'EMEA', 'APAC'])[1 + g % 3], current_date - 730, 'ACTIVE',
       (select password_hash from person where email = 'jane.doe@example.com')
from generate_series(1, $extra) g;
insert into rotation_participant (rotation_id, person_id, layer_id)
select r.id, p.id, (select l.id from rotation_layer l where l.rotation_id = r.id and l.name = 'weekdays and weekends')
from person p, rotation r where r.name = 'IMOC' and p.email like 'bench.%@example.com';
delete from shift where rotation_id = 1 and starts_at > now() + interval '1 day'
  and not exists (select 1 from swap_request w where w.shift_id = shift.id or w.counterpart_shift_id = shift.id);
SQL
  read -r ccookie ccsrf < "$work/coordinator" || true
  curl -fsS -o /dev/null -b "$ccookie" -H "X-CSRF-TOKEN: $ccsrf" -X POST "$base/admin/rotations/1/extend"
  for _ in $(seq 1 600); do
    n=$("${pg[@]}" -At -c "select count(*) from shift where rotation_id = 1 and starts_at > now() + interval '30 days'")
    [ "$n" -gt 0 ] && break
    sleep 0.5
  done
  sleep 2
fi
# After any re-planning, so the feeds fetched here are the ones served during the load.
echo "Signing in, creating feed URLs and a token ..." >&2
python3 bench/client.py setup "$base" "$work"
people_now=$("${pg[@]}" -At -c "select count(*) from person")
participants=$("${pg[@]}" -At -c "select count(*) from rotation_participant")
shifts_now=$("${pg[@]}" -At -c "select count(*) from shift")

cookie=$(cat "$work/cookie")
token=$(cat "$work/token")
if [ "$serve" = 1 ]; then
  # For profiling by hand: the organisation is ready, nothing is measured; Ctrl-C stops the app.
  echo "Serving on $base (pid $app_pid, PostgreSQL on $pg_port)."
  echo "  jane's session: $cookie"
  echo "  API token:      $token"
  echo "  feeds:          $base$(cat "$work/person.path")  $base$(cat "$work/rotation.path")"
  wait "$app_pid"
  exit 0
fi

# wrk prints "RESULT rps p50_ms p99_ms requests errors" through this script; headers come from the environment.
cat > "$work/bench.lua" <<'LUA'
local cookie = os.getenv("BENCH_COOKIE")
local inm = os.getenv("BENCH_INM")
local auth = os.getenv("BENCH_AUTH")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if inm and inm ~= "" then wrk.headers["If-None-Match"] = inm end
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
-- BENCH_UNIQUE=1: every request gets its own query string, so nothing is answered from a cache (first views).
local unique = os.getenv("BENCH_UNIQUE")
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
if unique and unique ~= "" then
  local counter = 0
  local stamp = os.time()
  request = function()
    counter = counter + 1
    local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. sep .. "uncached=" .. stamp .. "-" .. (id or 0) .. "-" .. counter)
  end
end
local statuses = {}
response = function(status, headers, body) end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout))
end
LUA

# load NAME URL CONNECTIONS [warm]: runs wrk, appends "NAME rps p50 p99 requests errors" to $work/results
load() {
  local name=$1 url=$2 conns=$3 warm=${4:-yes}
  if [ "$warm" = yes ]; then
    wrk -t2 -c"$conns" -d"${warmup}s" -s "$work/bench.lua" "$url" > /dev/null
  fi
  local line
  line=$(wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s -s "$work/bench.lua" "$url" | grep '^RESULT')
  echo "$name ${line#RESULT }" | tee -a "$work/results" >&2
}

echo "Starting nginx on 127.0.0.1:$nginx_port with the same feed bytes ..." >&2
mkdir -p "$work/www/ical" "$work/nginx"
cp "$work/person.ics" "$work/www$(cat "$work/person.path")"
cp "$work/rotation.ics" "$work/www$(cat "$work/rotation.path")"
chmod o+rx "$work" && chmod -R o+rX "$work/www"  # nginx workers run unprivileged
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/calendar ics; }
  default_type text/calendar;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { add_header Cache-Control "private, max-age=3600"; }
  }
}
NGINX
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
sleep 0.5
nbase="http://127.0.0.1:$nginx_port"

echo "Feeds ..." >&2
for kind in person rotation; do
  path=$(cat "$work/$kind.path")
  app_etag=$(cat "$work/$kind.etag")
  nginx_etag=$(curl -fsSI "$nbase$path" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')
  BENCH_INM="" load "feed-$kind-app" "$base$path" 64
  BENCH_INM="" load "feed-$kind-nginx" "$nbase$path" 64
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $app_etag" "$base$path")
  [ "$code" = 304 ] || echo "warning: the app answered $code, not 304, to If-None-Match" >&2
  BENCH_INM="$app_etag" load "feed304-$kind-app" "$base$path" 64
  BENCH_INM="$nginx_etag" load "feed304-$kind-nginx" "$nbase$path" 64
done
kill "$nginx_pid" 2>/dev/null || true
wait "$nginx_pid" 2>/dev/null || true
nginx_pid=""

echo "Pages ..." >&2
for page in / /my/shifts /rotations/1; do
  code=$(curl -s -o "$work/page.html" -w '%{http_code}' -b "$cookie" "$base$page")
  [ "$code" = 200 ] || { echo "$page answered $code" >&2; exit 1; }
  BENCH_COOKIE="$cookie" load "page $page" "$base$page" 64
  BENCH_COOKIE="$cookie" BENCH_UNIQUE=1 load "uncached $page" "$base$page" 64
done
echo "API ..." >&2
BENCH_AUTH="Bearer $token" load "api /api/v1/oncall" "$base/api/v1/oncall" 64

echo "Swaps ..." >&2
python3 bench/client.py swaps "$base" "${pg[*]}" "$nswaps" "$work/coordinator" | tee "$work/swaps" >&2

rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")
# The highest resident size of the whole run (every load, first views included), as the kernel kept it.
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")
# Resident memory by kind, always (issue 17): anonymous (heap, metaspace, code, threads, malloc) against file-backed
# (the class-data-sharing archive and the jars, which the kernel may drop and read again), and the archive's own share.
{
  echo "VmRSS ${rss_kb} kB, VmHWM ${peak_kb} kB after the loads"
  grep -E '^(Rss|Pss|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Anonymous):' "/proc/$app_pid/smaps_rollup"
  awk '/^[0-9a-f]+-[0-9a-f]+ / {jsa = ($6 ~ /\.jsa$/)} jsa && /^(Rss|Private_Dirty|Private_Clean):/ {sum[$1] += $2}
       END {for (k in sum) printf "archive (.jsa) %s %d kB\n", k, sum[k]}' "/proc/$app_pid/smaps"
} > "$out/rss.txt" 2>&1 || true
# Memory by part (issue 17): with BENCH_JAVA_OPTS=-XX:NativeMemoryTracking=summary, the JVM's own account after the
# load, then the heap's live set (after a full collection), in bench/target/memory.txt.
if jcmd "$app_pid" VM.native_memory summary > "$out/memory.txt" 2>&1 && grep -q "Total:" "$out/memory.txt"; then
  { echo "VmRSS ${rss_kb} kB, VmHWM ${peak_kb} kB"; jcmd "$app_pid" GC.run > /dev/null; jcmd "$app_pid" GC.heap_info; } >> "$out/memory.txt" 2>&1 || true
  echo "Memory by part: $out/memory.txt" >&2
fi
first_start_ms=$startup_ms
first_start_cpu_ms=$startup_cpu_ms
# Start-up on a restart (issue 17): the same data directory, so no initdb, no migrations, no demo seeding.
echo "Restarting the app on the same data ..." >&2
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
start_app "$work/app-restart.log"
restart_ms=$startup_ms
restart_cpu_ms=$startup_cpu_ms
startup_ms=$first_start_ms
sizes="person feed $(stat -c %s "$work/person.ics") B, rotation feed $(stat -c %s "$work/rotation.ics") B"

assigner="see \`bench/run-assigner.sh\` (its own section below)"
if [ "${BENCH_ASSIGNER:-0}" = 1 ]; then
  bench/run-assigner.sh --no-scaling --people "$people" >&2 || true
  assigner="bench/target/latest.md from bench/run-assigner.sh (run just now)"
fi

python3 - "$work/results" "$work/swaps" "$startup_ms" "$seeded_ms" "$rss_kb" "$people_now" "$participants" \
  "$shifts_now" "$sizes" "$assigner" "$duration" "$restart_ms" "$peak_kb" \
  "$first_start_cpu_ms" "$restart_cpu_ms" > "$out/latest-http.md" <<'PY'
import sys
res = {}
for line in open(sys.argv[1]):
    parts = line.split()
    name = " ".join(parts[:-5])
    res[name] = dict(zip(("rps", "p50", "p99", "n", "err"), map(float, parts[-5:])))
sw = dict(l.split(None, 1) for l in open(sys.argv[2]) if l.strip())
startup, seeded, rss_kb, people, parts, shifts, sizes, assigner, dur, restart, peak_kb, cpu1, cpu2 = sys.argv[3:16]
startup_s, rss_mb, peak_mb = int(startup) / 1000, int(rss_kb) / 1024, int(peak_kb) / 1024
mark = lambda ok: "met" if ok else "**missed**"
print(f"Load average at the end (1/5/15 min): {open('/proc/loadavg').read().split()[:3]} on {__import__('os').cpu_count()} cores "
      "(the machine is shared: compare ratios within one run, not absolute times across runs).")
print()
print(f"Organisation: {people} people, {parts} IMOC participants, {shifts} shifts; {sizes}. "
      f"wrk: 2 threads, 64 connections, {dur} s per run after a warm-up; all on 127.0.0.1.")
print()
print("| # | what | figure | ratio / target | met? |")
print("|---|---|---|---|---|")
for status, target, label in (("feed", 0.5, "full 200"), ("feed304", 0.8, "304 (If-None-Match)")):
    for kind in ("person", "rotation"):
        a, n = res[f"{status}-{kind}-app"], res[f"{status}-{kind}-nginx"]
        r = a["rps"] / n["rps"] if n["rps"] else 0
        print(f"| 1 | feed, {kind}, {label} | app {a['rps']:.0f} req/s p99 {a['p99']:.1f} ms; nginx {n['rps']:.0f} "
              f"req/s p99 {n['p99']:.1f} ms | {r:.2f}× nginx (target ≥ {target}×); p99 {a['p99'] / max(n['p99'], 0.01):.1f}× | {mark(r >= target)} |")
for page in ("/", "/my/shifts", "/rotations/1"):
    a = res[f"page {page}"]
    note = "" if a["err"] == 0 else f"; {a['err']:.0f} errors/time-outs"
    if a["n"] == 0:
        note = "; no request finished within the run"
    print(f"| 2 | page `{page}` | p50 {a['p50']:.1f} ms, p99 {a['p99']:.1f} ms, {a['rps']:.0f} req/s{note} | "
          f"p99 < 50 ms (target at 1,000 people) | {mark(a['n'] > 0 and a['p99'] < 50)} |")
for page in ("/", "/my/shifts", "/rotations/1"):
    a = res[f"uncached {page}"]
    note = "" if a["err"] == 0 else f"; {a['err']:.0f} errors/time-outs"
    print(f"| 2 | page `{page}`, first view (a new URL each time: nothing cached) | p50 {a['p50']:.1f} ms, p99 {a['p99']:.1f} ms, "
          f"{a['rps']:.0f} req/s{note} | p99 < 50 ms (target at 1,000 people) | {mark(a['n'] > 0 and a['p99'] < 50)} |")
a = res["api /api/v1/oncall"]
print(f"| 3 | `GET /api/v1/oncall` (Bearer) | p50 {a['p50']:.1f} ms, p99 {a['p99']:.1f} ms, {a['rps']:.0f} req/s | no target | – |")
print(f"| 4 | assigner | {assigner} | < 2× bare JDBC, < 1 s at 1,000 | see there |")
if "distinct_ok" in sw:
    print(f"| 5 | swap: {sw['distinct_clients'].strip()} clients accept distinct open covers at once | "
          f"{sw['distinct_ok'].strip()} accepted, {sw['distinct_accepts_per_s'].strip()} accepts/s, p50 {sw['distinct_p50_ms'].strip()} ms, "
          f"max {sw['distinct_max_ms'].strip()} ms (statuses {sw['distinct_other'].strip()}) | no target | – |")
    print(f"| 5 | swap: one open cover, 64 clients at once | {sw['contended_200'].strip()} × 200, {sw['contended_409'].strip()} × 409; "
          f"p50 {sw['contended_p50_ms'].strip()} ms, max {sw['contended_max_ms'].strip()} ms | exactly one winner | "
          f"{mark(sw['contended_200'].strip() == '1')} |")
else:
    print(f"| 5 | swaps | not measured: {' '.join(sw.values())} | | |")
print(f"| 6 | start-up to healthy, first start (initdb, migrations, demo) | {startup_s:.1f} s (demo seeded at {int(seeded) / 1000:.1f} s; JVM CPU {int(cpu1) / 1000:.1f} s) | < 9 s | {mark(startup_s < 9)} |")
print(f"| 6 | start-up to healthy, restart on the same data | {int(restart) / 1000:.1f} s (JVM CPU {int(cpu2) / 1000:.1f} s) | < 6 s | {mark(int(restart) < 6000)} |")
print(f"| 6 | RSS after the load (highest during the run) | {rss_mb:.0f} MB ({peak_mb:.0f} MB) | < 400 MB after every load | {mark(peak_mb < 400)} |")
PY

{
  echo "## HTTP benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/run.sh --people $people\`"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  cat "$out/latest-http.md"
} > "$out/latest.md.tmp"
mv "$out/latest.md.tmp" "$out/latest-http.md"
cp "$out/latest-http.md" "$out/latest.md"
# The latest table goes into docs/BENCHMARKS.md between its markers (BENCH_NO_DOCS=1 leaves the doc alone).
if [ "${BENCH_NO_DOCS:-0}" != 1 ] && grep -q '<!-- http-bench:start -->' docs/BENCHMARKS.md; then
  python3 - "$out/latest-http.md" docs/BENCHMARKS.md <<'PY'
import sys, re
table = open(sys.argv[1]).read().replace("## HTTP benchmark", "#### HTTP benchmark", 1)
doc = open(sys.argv[2]).read()
doc = re.sub(r"<!-- http-bench:start -->.*<!-- http-bench:end -->",
             lambda m: "<!-- http-bench:start -->\n" + table.strip() + "\n<!-- http-bench:end -->", doc, flags=re.S)
open(sys.argv[2], "w").write(doc)
PY
fi
cat "$out/latest.md"
