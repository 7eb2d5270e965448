#!/usr/bin/env bash
# Switchboard intake benchmark against the physical limit (see loadtest/RESULTS.md).
#
# In one run, with the same load generator and settings (wrk, pre-signed requests with unique provider event
# ids, N connections), it measures:
#   1. a bare Vert.x reference server that only reads the body and answers 200 (ReferenceServer);
#   2. the gateway's sustained intake on one channel (verify, normalise, store durably, answer);
# prints throughput, p50/p99 and the ratio gateway/reference, checks through the read API that every
# acknowledged request is stored (once), samples heap after GC over the run (GC log), optionally profiles the
# gateway with JFR and soaks it, and appends the figures with the machine's description to loadtest/RESULTS.md.
#
# usage: loadtest/bench.sh [options]
#   --channel twilio-sms|web-form   what to post (default twilio-sms: signed Twilio SMS webhooks)
#   --config intake|chain|postgres  intake only (default); + the default plugin chain (the chains: block
#                                   of config/gateway.yaml, with config/customers.csv);
#                                   + forwarding to PostgreSQL 127.0.0.1:5432/test (bench/postgres.yaml)
#   --connections N                 concurrent connections (default 64)
#   --threads N                     wrk threads (default: nproc)
#   --warmup D                      warm-up of the gateway before its measurement, e.g. 10s (default 10s;
#                                   the gateway's JIT needs about 3 minutes on a 2-core machine to settle,
#                                   so use 180s for figures you publish: see loadtest/RESULTS.md)
#   --reference-warmup D            warm-up of the reference server (default: the same as --warmup)
#   --duration D                    measured time per server (default 30s)
#   --soak D                        after the measurement, keep loading the gateway for D (e.g. 10m) and
#                                   report heap after GC over it (default 0: no soak)
#   --pool N                        pre-signed requests to generate (default: enough for 20000/s over
#                                   warm-up + measurement and 10000/s over the soak)
#   --profile                       record the gateway's measured run with JFR and print its hot spots
#   --compare-generators            also drive the reference server with Gatling (closed model, same
#                                   connections) to show which generator saturates better
#   --heap SIZE                     -Xms/-Xmx of both servers (default 512m)
#   --gateway-jar FILE              the gateway to measure (default: gateway/target/switchboard-gateway.jar,
#                                   built by this script); e.g. an earlier build, for before/after figures
#   --results FILE                  where to append the figures (default loadtest/RESULTS.md; "-" for none)
#   --store KEY=VALUE               an embedded-store setting of the gateway (docs/configuration.md, store.*),
#                                   e.g. --store commitDelay=0ms; repeatable
#   --no-build                      reuse the last build
# Environment: GATEWAY_JAVA_OPTS  extra JVM options of the gateway only (e.g. -XX:+PreserveFramePointer, to
#                                   profile it with perf)
# Requires: java 17+, mvn, wrk (apt-get install -y wrk), curl. Only loopback is used.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

channel=twilio-sms
config=intake
connections=64
threads=$(nproc)
warmup=10s
ref_warmup=
duration=30s
soak=0
pool=
profile=false
compare=false
heap=512m
results="$here/RESULTS.md"
build=true
store_opts=()
gateway_jar="$root/gateway/target/switchboard-gateway.jar"

die() { echo "bench: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --channel) channel=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --reference-warmup) ref_warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --soak) soak=$2; shift 2 ;;
    --pool) pool=$2; shift 2 ;;
    --profile) profile=true; shift ;;
    --compare-generators) compare=true; shift ;;
    --heap) heap=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --gateway-jar) gateway_jar=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --no-build) build=false; shift ;;
    --store) [[ "$2" == *=* ]] || die "--store takes KEY=VALUE, got '$2'"; store_opts+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

seconds() { # 30s, 2m, 1h, 0 -> seconds
  case "$1" in
    0) echo 0 ;;
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) die "durations look like 30s, 10m or 1h, not $1" ;;
  esac
}
warmup_s=$(seconds "$warmup"); ref_warmup_s=$(seconds "${ref_warmup:-$warmup}"); duration_s=$(seconds "$duration"); soak_s=$(seconds "$soak")

case "$channel" in
  twilio-sms) kind=sms; channel_id=bench-sms ;;
  web-form) kind=form; channel_id=bench-form ;;
  *) die "--channel is twilio-sms or web-form, not $channel" ;;
esac
case "$config" in intake|chain|postgres) ;; *) die "--config is intake, chain or postgres, not $config" ;; esac
command -v wrk >/dev/null || die "wrk is not installed: apt-get install -y wrk"
command -v curl >/dev/null || die "curl is not installed"

# ------------------------------------------------------------------ processes we start, and only those
pids=()
stop_all() {
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true
  done
}
trap stop_all EXIT
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ------------------------------------------------------------------ build
if $build; then
  echo "bench: building the gateway and the load-test tools"
  (cd "$root" && mvn -q -B -ntp -DskipTests -pl loadtest -am package dependency:build-classpath \
      -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime)
fi
tools_cp="$here/target/classes:$(cat "$here/target/runtime-classpath.txt")"
[ -f "$gateway_jar" ] || die "no $gateway_jar: run without --no-build"
gateway_sha=$(sha256sum "$gateway_jar" | cut -c1-12)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work="$here/target/bench/$stamp-$channel-$config"
mkdir -p "$work"
echo "bench: work directory $work"

export TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-loadtest-twilio-auth-token}"
java_opts=(-Xms"$heap" -Xmx"$heap" -XX:+UseG1GC)

# ------------------------------------------------------------------ pre-signed requests
gw_port=$(free_port); admin_port=$(free_port); ref_port=$(free_port)
[ -n "$pool" ] || pool=$(( (warmup_s + duration_s) * 20000 + soak_s * 10000 ))  # for the gateway; the reference may wrap
[ "$pool" -ge 1000 ] || pool=1000
echo "bench: generating $pool signed $channel requests (unique ids) for $threads wrk threads"
pool_line=$(java -cp "$tools_cp" io.switchboard.loadtest.bench.RequestPool "$kind" "$pool" "$threads" "$work/pool" \
  "127.0.0.1:$gw_port" "$channel_id")
run_id=$(echo "$pool_line" | sed -E 's/.*run=([0-9a-f]+).*/\1/')
echo "bench: $pool_line"

# wrk <label> <port> <seconds> [offsets...] -> sets R_* from the RESULT line and OFFSETS (where the next run
# continues in the pool, so that no request is sent twice to the gateway)
wrk_run() {
  local label=$1 port=$2 secs=$3 line
  shift 3
  (cd "$here/bench" && wrk -t"$threads" -c"$connections" -d"${secs}s" --timeout 10s -s pool.lua \
    "http://127.0.0.1:$port" -- "$work/pool" "$@") > "$work/wrk-$label.txt" \
    || die "wrk failed for $label (see $work/wrk-$label.txt)"
  line=$(grep '^RESULT' "$work/wrk-$label.txt") || die "wrk produced no result for $label (see $work/wrk-$label.txt)"
  for kv in ${line#RESULT }; do eval "R_${kv%%=*}=${kv#*=}"; done
  OFFSETS=$(grep '^OFFSETS' "$work/wrk-$label.txt" | cut -d' ' -f2-)
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }       # user + system, in clock ticks
# The embedded store's commit counters from /metrics: "<commits> <writes> <execute s> <commit s>"
store_commits() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '/^switchboard_store_commits_total/ { c = $2 }
    /^switchboard_store_committed_writes_total/ { w = $2 }
    /^switchboard_store_batch_seconds_sum\{.*phase="execute"/ { e = $2 }
    /^switchboard_store_batch_seconds_sum\{.*phase="commit"/ { m = $2 }
    END { printf "%d %d %.6f %.6f\n", c, w, e, m }'
}
# CPU ticks per thread group of a JVM: store writer, event loops, JIT compilers, GC, other
thread_cpu() {
  local t name
  for t in /proc/"$1"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    case "$name" in
      switchboard-sto*) name=store ;;
      vert.x-eventloo*) name=eventloops ;;
      C1\ Compiler*|C2\ Compiler*) name=jit ;;
      GC\ Thread*|G1\ *|VM\ Thread) name=gc ;;
      *) name=other ;;
    esac
    echo "$name $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0)"
  done | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }'
}
# per-group CPU µs per request between two thread_cpu snapshots: "store=.. eventloops=.. jit=.. gc=.. other=.."
thread_cpu_per_request() { # before-file after-file requests
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" 'NR == FNR { a[$1] = $2; next } { d[$1] = $2 - a[$1] }
    END { for (k in d) printf "%s=%.0f ", k, (n > 0 ? d[k] * 1e6 / hz / n : 0) }' "$1" "$2" | xargs -n1 | sort | paste -sd" " -
}
cpu_us_per_request() { # ticks-before ticks-after requests
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / hz / n : 0) }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------------ 1. the reference
echo "bench: reference server (bare Vert.x) on 127.0.0.1:$ref_port"
java "${java_opts[@]}" -cp "$tools_cp" io.switchboard.loadtest.bench.ReferenceServer "$ref_port" "$(nproc)" \
  > "$work/reference.log" 2>&1 &
ref_pid=$!; pids+=("$ref_pid")
for _ in $(seq 1 100); do
  curl -s -o /dev/null -X POST "http://127.0.0.1:$ref_port/" && break; sleep 0.2
done
wrk_run reference-warmup "$ref_port" "$ref_warmup_s"
ref_c0=$(cpu_ticks "$ref_pid")
# shellcheck disable=SC2086
wrk_run reference "$ref_port" "$duration_s" $OFFSETS
ref_cpu=$(cpu_us_per_request "$ref_c0" "$(cpu_ticks "$ref_pid")" "$R_completed")
ref_rps=$R_rps; ref_p50=$R_p50_us; ref_p99=$R_p99_us; ref_bad=$(( R_non2xx + R_connect_errors + R_read_errors + R_write_errors + R_timeouts ))
echo "bench: reference $ref_rps req/s, p50 $(ms "$ref_p50") ms, p99 $(ms "$ref_p99") ms, errors $ref_bad, CPU $ref_cpu us/request"

gatling_line=
if $compare; then
  echo "bench: the same reference driven by Gatling (closed model, $connections users, keep-alive)"
  gatling_line=$(cd "$root" && mvn -q -B -ntp -pl loadtest -am verify -DskipTests -Pgatling \
      -Dsimulation=SaturationSimulation -DbaseUrl="http://127.0.0.1:$ref_port" -Dconnections="$connections" \
      -Dduration="${duration_s}s" -DrampUp=0s -Dkind="$kind" 2>&1 | tee "$work/gatling-reference.txt" \
      | grep 'mean throughput' | head -1 | awk -F'|' '{ gsub(/[ ,]/, "", $3); print $3 }') || true
  echo "bench: Gatling against the reference: ${gatling_line:-?} req/s (wrk: $ref_rps req/s)"
fi
stop "$ref_pid"

# ------------------------------------------------------------------ 2. the gateway
cfg="$work/gateway.yaml"
cat > "$cfg" <<EOF
# generated by loadtest/bench.sh: channel $channel, configuration $config
server:
  host: 127.0.0.1
  port: $gw_port
  instances: 0
admin:
  host: 127.0.0.1
  port: $admin_port
store:
  type: embedded
  path: $work/data/switchboard.db
EOF
for kv in ${store_opts[@]+"${store_opts[@]}"}; do
  echo "  ${kv%%=*}: ${kv#*=}" >> "$cfg"
done
echo "channels:" >> "$cfg"
if [ "$channel" = twilio-sms ]; then
  cat >> "$cfg" <<EOF
  $channel_id:
    type: twilio-messaging
    authToken: \${env:TWILIO_AUTH_TOKEN}
EOF
else
  cat >> "$cfg" <<EOF
  $channel_id:
    type: web-form
    defaultRegion: GB
    allowedOrigins: ["https://www.example.com"]
    perClientLimit: 0
    channelLimitPerSecond: 0
EOF
fi
pg_schema="bench_$(echo "$run_id" | cut -c1-8)"
if [ "$config" = chain ] || [ "$config" = postgres ]; then
  # The chain users get: the chains: block of config/gateway.yaml, unchanged, with its customers file.
  awk '/^chains:/ { on = 1; print; next } on && /^[^ #]/ { exit } on && /^#/ { exit } on { print }' \
    "$root/config/gateway.yaml" >> "$cfg"
  grep -q '^chains:' "$cfg" || die "no chains: block in config/gateway.yaml"
  cp "$root/config/customers.csv" "$work/customers.csv"
fi
if [ "$config" = postgres ]; then
  export BENCH_PG_SCHEMA="$pg_schema"
  cat "$here/bench/postgres.yaml" >> "$cfg"
fi

gw_opts=("${java_opts[@]}" -Xlog:gc:file="$work/gc.log":uptime)
if $profile; then gw_opts+=(-XX:+FlightRecorder); fi
# shellcheck disable=SC2206
[ -n "${GATEWAY_JAVA_OPTS:-}" ] && gw_opts+=($GATEWAY_JAVA_OPTS)
echo "bench: gateway on 127.0.0.1:$gw_port (admin $admin_port), $channel, $config"
gw_started=$(date +%s.%N)
java "${gw_opts[@]}" -jar "$gateway_jar" --config "$cfg" > "$work/gateway.log" 2>&1 &
gw_pid=$!; pids+=("$gw_pid")
ready=false
for _ in $(seq 1 150); do
  if ! kill -0 "$gw_pid" 2>/dev/null; then break; fi
  if curl -sf -o /dev/null "http://127.0.0.1:$gw_port/health/ready"; then ready=true; break; fi
  sleep 0.2
done
if ! $ready; then
  echo "bench: the gateway did not start; its output:" >&2
  tail -n 30 "$work/gateway.log" >&2
  grep -q "unknown channel type" "$work/gateway.log" && \
    echo "bench: this build has no '$channel' channel type yet; try --channel web-form" >&2
  exit 1
fi
grep -q '"channel live"' "$work/gateway.log" || die "channel $channel_id is not live (see $work/gateway.log)"

wrk_run gateway-warmup "$gw_port" "$warmup_s"
wu_completed=$R_completed; wu_issued=$R_issued; wu_non2xx=$R_non2xx; wu_wraps=$R_wraps
measure_from=$(awk -v a="$gw_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
if $profile; then
  jcmd "$gw_pid" JFR.start name=bench settings=profile filename="$work/gateway.jfr" >/dev/null
fi
gw_c0=$(cpu_ticks "$gw_pid"); thread_cpu "$gw_pid" > "$work/threads-before.txt"
read -r commits0 cwrites0 cexec0 ccommit0 <<< "$(store_commits "$admin_port")"
# shellcheck disable=SC2086
wrk_run gateway "$gw_port" "$duration_s" $OFFSETS
gw_cpu=$(cpu_us_per_request "$gw_c0" "$(cpu_ticks "$gw_pid")" "$R_completed")
thread_cpu "$gw_pid" > "$work/threads-after.txt"
gw_threads=$(thread_cpu_per_request "$work/threads-before.txt" "$work/threads-after.txt" "$R_completed")
read -r commits1 cwrites1 cexec1 ccommit1 <<< "$(store_commits "$admin_port")"
store_line=$(awk -v c=$(( commits1 - commits0 )) -v w=$(( cwrites1 - cwrites0 )) -v r="$R_completed" \
  -v e="$(awk -v a="$cexec0" -v b="$cexec1" 'BEGIN { print b - a }')" \
  -v m="$(awk -v a="$ccommit0" -v b="$ccommit1" 'BEGIN { print b - a }')" -v t="$duration_s" 'BEGIN {
  if (c > 0 && r > 0) {
    printf "commits=%d writes=%d writes/commit=%.1f commits/request=%.2f", c, w, w / c, c / r;
    # switchboard_store_batch_seconds: time of the writer thread, running the writes and committing them
    if (e + m > 0) printf " writer-busy=%.0f%% (running writes %.0f%%, committing %.0f%%) per-commit-ms run=%.2f commit=%.2f",
      100 * (e + m) / t, 100 * e / t, 100 * m / t, 1000 * e / c, 1000 * m / c;
    else printf " writer-busy=n/a (no switchboard_store_batch_seconds in this build)";
  } else print "commits=n/a" }')
if $profile; then
  jcmd "$gw_pid" JFR.stop name=bench >/dev/null
fi
gw_rps=$R_rps; gw_p50=$R_p50_us; gw_p99=$R_p99_us; gw_max=$R_max_us
gw_bad=$(( R_non2xx + R_connect_errors + R_read_errors + R_write_errors + R_timeouts ))
completed=$(( wu_completed + R_completed )); issued=$(( wu_issued + R_issued ))
non2xx=$(( wu_non2xx + R_non2xx )); wraps=$(( wu_wraps + R_wraps ))
echo "bench: gateway $gw_rps req/s, p50 $(ms "$gw_p50") ms, p99 $(ms "$gw_p99") ms, errors $gw_bad, CPU $gw_cpu us/request"
echo "bench: gateway CPU us/request by thread group: $gw_threads"
echo "bench: embedded store group commit over the measured run: $store_line"

soak_line=
if [ "$soak_s" -gt 0 ]; then
  echo "bench: soak for $soak"
  # shellcheck disable=SC2086
  wrk_run gateway-soak "$gw_port" "$soak_s" $OFFSETS
  completed=$(( completed + R_completed )); issued=$(( issued + R_issued ))
  non2xx=$(( non2xx + R_non2xx )); wraps=$(( wraps + R_wraps ))
  soak_line="soak $soak: $R_rps req/s, p50 $(ms "$R_p50_us") ms, p99 $(ms "$R_p99_us") ms, non-2xx $R_non2xx"
  echo "bench: $soak_line"
fi

jcmd "$gw_pid" GC.heap_info > "$work/heap-info-end.txt" 2>&1 || true
heap_line=$(java -cp "$tools_cp" io.switchboard.loadtest.bench.HeapAfterGc "$work/gc.log" "$measure_from" | paste -sd" " -)
echo "bench: heap after GC from the measured run on: $heap_line"

# ------------------------------------------------------------------ every acknowledged request stored, once
acknowledged=$(( completed - non2xx ))
if [ "$wraps" -gt 0 ]; then
  echo "bench: WARNING the pool wrapped $wraps times: the gateway saw retries; rerun with a larger --pool" >&2
  issued=$pool
fi
sleep 1
check_line=$(java -cp "$tools_cp" io.switchboard.loadtest.bench.StoredCheck "http://127.0.0.1:$admin_port" \
  "$channel_id" "$run_id" "$acknowledged" "$issued") && check_ok=true || check_ok=false
echo "bench: $check_line"

hotspots=
if $profile; then
  java -cp "$tools_cp" io.switchboard.loadtest.bench.JfrHotspots "$work/gateway.jfr" 15 > "$work/hotspots.txt"
  hotspots="$work/hotspots.txt"
  echo "bench: JFR hot spots in $hotspots"; cat "$hotspots"
fi
stop "$gw_pid"
if [ "$config" = postgres ] && command -v psql >/dev/null; then
  psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $pg_schema CASCADE" >/dev/null 2>&1 || true
fi

ratio=$(awk -v g="$gw_rps" -v r="$ref_rps" 'BEGIN { printf "%.1f", 100 * g / r }')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "bench: $channel, $config, $connections connections: gateway $gw_rps req/s = $ratio% of the reference ($ref_rps req/s);" \
  "gateway p50 $(ms "$gw_p50") ms, p99 $(ms "$gw_p99") ms"

# ------------------------------------------------------------------ RESULTS.md
if [ "$results" != "-" ]; then
  mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  jdk=$(java -version 2>&1 | head -2 | tail -1)
  cpu=$(awk -F: '/model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)
  {
    echo
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC'): channel \`$channel\`, configuration \`$config\`"
    echo
    echo "- machine: nproc $(nproc) ($cpu), memory $mem, $jdk, $(uname -sr); load average before $load_before, after $load_after"
    echo "- load generator: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $threads threads, $connections connections, keep-alive, pre-signed pool of $pool requests (unique ids); ${warmup_s} s warm-up of the gateway, ${ref_warmup_s} s of the reference, then ${duration_s} s measured, per server"
    echo "- servers: \`-Xms$heap -Xmx$heap -XX:+UseG1GC\`, event loops = nproc; gateway store: embedded SQLite (WAL, synchronous=FULL)"
    echo
    echo "| server | requests/s | p50 ms | p99 ms | errors | server CPU µs/request |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| reference (bare Vert.x, reads body, answers 200) | $ref_rps | $(ms "$ref_p50") | $(ms "$ref_p99") | $ref_bad | $ref_cpu |"
    echo "| gateway, \`$channel\`, \`$config\` (jar sha256 $gateway_sha…) | $gw_rps | $(ms "$gw_p50") | $(ms "$gw_p99") | $gw_bad | $gw_cpu |"
    echo
    echo "- gateway / reference: **$ratio %**"
    echo "- gateway CPU µs per request by thread group (measured run): $gw_threads"
    echo "- embedded store group commit (measured run): $store_line"
    [ -n "$gatling_line" ] && echo "- Gatling (closed model, $connections users) against the same reference: $gatling_line requests/s"
    [ -n "$soak_line" ] && echo "- $soak_line"
    [ "$wraps" -gt 0 ] && echo "- **the pool wrapped $wraps times: the gateway also got retries, so its figures are not all first deliveries**"
    echo "- stored check (read API, after the run): $check_line"
    echo "- heap after GC (GC log, from the measured run on): $heap_line"
    [ -n "$hotspots" ] && echo "- JFR hot spots (measured run; JFR on, so its throughput is lower): \`loadtest/target/bench/$(basename "$work")/hotspots.txt\`"
    true
  } >> "$results"
  echo "bench: figures appended to $results"
fi
$check_ok || die "stored check failed: $check_line"
