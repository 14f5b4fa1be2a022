#!/usr/bin/env bash
# Kinesis API benchmark (issue 6): io.shardgate.bench.KinesisLoad (the AWS SDK for Java v2 sync client) against the
# gateway's Kinesis listener, against kinesalite and against kinesis-mock (npm package kinesis-local), one server at a
# time, each a separate local process on 127.0.0.1 whose CPU time is read from /proc/<pid>/stat before and after
# every phase.
#
#   bench/kinesis-bench.sh                          # the full matrix: 100,000 x 1 KiB records, 12 rows
#   bench/kinesis-bench.sh --records 10000          # a quick run of the same matrix
#   bench/kinesis-bench.sh --servers gateway --shards 4 --protocols json
#   bench/kinesis-bench.sh --help                   # every option
#
# Markdown goes to stdout (an environment header, then one table row per server and configuration and a
# gateway / better-emulator ratio row, each printed as soon as it is done); progress goes to stderr. Exit status: 0
# when every row read back every record intact, 1 when a row failed (the row says why), 2 for a bad command line.
#
# The emulators are installed with npm into bench/target/kinesis-emulators (never committed) on the first run.
# See docs/benchmarks.md, section "Kinesis API", for what each row does and the columns.
#
# Environment: GATEWAY_ARGS (extra ./shardgate start options), GATEWAY_JAVA_OPTS (default: empty, the JVM's
# defaults), CLIENT_JAVA_OPTS (default "-Xmx512M"), NODE_OPTIONS_EMULATORS (extra node options for the emulators,
# default none), KINESALITE_VERSION (default 3.3.3), KINESIS_LOCAL_VERSION (default 0.6.2), BENCH_SKIP_BUILD=1 skips
# the Maven build, JAVA (default: java), NODE (default: node), NPM (default: npm).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
cd "$root"
java_bin="${JAVA:-java}"
node_bin="${NODE:-node}"
npm_bin="${NPM:-npm}"
kinesalite_version="${KINESALITE_VERSION:-3.3.3}"
kinesis_local_version="${KINESIS_LOCAL_VERSION:-0.6.2}"

usage() {
    cat <<'EOF'
Usage: bench/kinesis-bench.sh [options]

  --records N          records put and then read back per row (default 100000)
  --record-size N      bytes per record (default 1024)
  --shards LIST        shard counts, comma-separated (default 1,4); KinesisLoad uses one thread per shard
  --protocols LIST     SDK wire protocols, comma-separated (default cbor,json): cbor is the SDK's default,
                       json sets aws.cborEnabled=false
  --servers LIST       servers, comma-separated, run in this order for each configuration
                       (default gateway,kinesalite,kinesis-mock)
  --kinesis-mock-records N  records per kinesis-mock row instead of --records (default: --records). kinesis-mock's
                       CPU per record grows with the records already in the stream, so 100,000 records per row take
                       it many minutes; fewer records favour it in the per-record comparison
  --warmup-records N   records put and read back on a separate stream before the measured phases of every row
                       (default 10000; 0 for none)
  --dir PATH           parent of the temporary data directories (default ${TMPDIR:-/tmp})
  --port N             first TCP port to try for the servers' listeners (default 14567; the next free ones are used)
  --phase-timeout S    seconds one row's KinesisLoad may take before it is killed and the row fails
                       (default: 300 + records / 100)
  --keep               keep the data directories and logs (printed at the end)
  -h, --help           this text

Every row starts a fresh server (an empty data directory, or an empty in-memory store), runs KinesisLoad: a warm-up
stream, then CreateStream and wait for ACTIVE, PutRecords in batches of 500 with one thread per shard, then a
GetRecords drain of every shard from TRIM_HORIZON verifying every record; then stops the server. KinesisLoad reads
the server's CPU time (utime + stime from /proc/<pid>/stat) just before and after the put and the drain.
See docs/benchmarks.md, section "Kinesis API".
EOF
}

records=100000
record_size=1024
shards_list="1,4"
protocols_list="cbor,json"
servers_list="gateway,kinesalite,kinesis-mock"
warmup_records=10000
kinesis_mock_records=""
base_dir="${TMPDIR:-/tmp}"
base_port=14567
phase_timeout=""
keep=0


while [[ $# -gt 0 ]]; do
    case "$1" in
        --records) need_value "$@"; records="$2"; shift 2 ;;
        --records=*) records="${1#*=}"; shift ;;
        --record-size) need_value "$@"; record_size="$2"; shift 2 ;;
        --record-size=*) record_size="${1#*=}"; shift ;;
        --shards) need_value "$@"; shards_list="$2"; shift 2 ;;
        --shards=*) shards_list="${1#*=}"; shift ;;
        --protocols | --protocol) need_value "$@"; protocols_list="$2"; shift 2 ;;
        --protocols=* | --protocol=*) protocols_list="${1#*=}"; shift ;;
        --servers) need_value "$@"; servers_list="$2"; shift 2 ;;
        --servers=*) servers_list="${1#*=}"; shift ;;
        --kinesis-mock-records) need_value "$@"; kinesis_mock_records="$2"; shift 2 ;;
        --kinesis-mock-records=*) kinesis_mock_records="${1#*=}"; shift ;;
        --warmup-records) need_value "$@"; warmup_records="$2"; shift 2 ;;
        --warmup-records=*) warmup_records="${1#*=}"; shift ;;
        --dir) need_value "$@"; base_dir="$2"; shift 2 ;;
        --dir=*) base_dir="${1#*=}"; shift ;;
        --port) need_value "$@"; base_port="$2"; shift 2 ;;
        --port=*) base_port="${1#*=}"; shift ;;
        --phase-timeout) need_value "$@"; phase_timeout="$2"; shift 2 ;;
        --phase-timeout=*) phase_timeout="${1#*=}"; shift ;;
        --keep) keep=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die_usage "unknown option: $1" ;;
    esac
done

is_uint "$records" || die_usage "--records must be a positive integer: $records"
is_uint "$record_size" && ((record_size >= 8)) || die_usage "--record-size must be an integer of at least 8: $record_size"
[[ -z "$kinesis_mock_records" ]] && kinesis_mock_records="$records"
is_uint "$kinesis_mock_records" || die_usage "--kinesis-mock-records must be a positive integer: $kinesis_mock_records"
[[ "$warmup_records" =~ ^[0-9]+$ ]] || die_usage "--warmup-records must be a non-negative integer: $warmup_records"
is_uint "$base_port" && ((base_port < 65000)) || die_usage "--port must be between 1 and 64999: $base_port"
[[ -z "$phase_timeout" ]] && phase_timeout=$((300 + records / 100))
is_uint "$phase_timeout" || die_usage "--phase-timeout must be a positive integer: $phase_timeout"
[[ -d "$base_dir" ]] || die_usage "--dir is not a directory: $base_dir"

IFS=',' read -r -a shards_arr <<<"$shards_list"
IFS=',' read -r -a protocols_arr <<<"$protocols_list"
IFS=',' read -r -a servers_arr <<<"$servers_list"
((${#shards_arr[@]} > 0)) || die_usage "--shards is empty"
((${#protocols_arr[@]} > 0)) || die_usage "--protocols is empty"
((${#servers_arr[@]} > 0)) || die_usage "--servers is empty"
for s in "${shards_arr[@]}"; do is_uint "$s" && ((s <= 4)) || die_usage "--shards: 1 to 4 (kinesalite's shard limit is 10, the warm-up stream counts), not: $s"; done
for p in "${protocols_arr[@]}"; do [[ "$p" == cbor || "$p" == json ]] || die_usage "--protocols: cbor or json, not: $p"; done
for s in "${servers_arr[@]}"; do
    [[ "$s" == gateway || "$s" == kinesalite || "$s" == kinesis-mock ]] ||
        die_usage "--servers: gateway, kinesalite or kinesis-mock, not: $s"
done

log() { echo "kinesis-bench: $*" >&2; }
fail() {
    log "ERROR: $*"
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------------
# Build: the bench module (KinesisLoad and its class path in bench/target/lib); ./shardgate builds the gateway itself
# when its sources changed. The emulators come from npm, into bench/target/kinesis-emulators.
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    log "building (mvn -B -q package -pl bench -am -DskipTests, and the gateway through ./shardgate)"
    mvn -B -q -Dstyle.color=never package -pl bench -am -DskipTests >&2
    "$root/shardgate" --help >/dev/null
fi
bench_jar="$(compgen -G "$root/bench/target/shardgate-bench-*.jar" | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
[[ -n "$bench_jar" && -d "$root/bench/target/lib" ]] || fail "bench/target has no shardgate-bench jar; run without BENCH_SKIP_BUILD=1"
client_cp="$bench_jar:$root/bench/target/lib/*"

emulators="$root/bench/target/kinesis-emulators"
kinesalite_js="$emulators/node_modules/kinesalite/cli.js"
kinesis_mock_js="$emulators/node_modules/kinesis-local/main.js"
need_emulators=0
for s in "${servers_arr[@]}"; do [[ "$s" == gateway ]] || need_emulators=1; done
installed_version() { sed -n 's/^ *"version" *: *"\([^"]*\)".*/\1/p' "$emulators/node_modules/$1/package.json" 2>/dev/null | head -n 1; }
if ((need_emulators)); then
    if [[ "$(installed_version kinesalite)" != "$kinesalite_version" || "$(installed_version kinesis-local)" != "$kinesis_local_version" ]]; then
        log "installing kinesalite@$kinesalite_version and kinesis-local@$kinesis_local_version with npm into $emulators"
        mkdir -p "$emulators"
        "$npm_bin" install --no-audit --no-fund --prefix "$emulators" \
            "kinesalite@$kinesalite_version" "kinesis-local@$kinesis_local_version" >"$emulators/npm-install.log" 2>&1 || {
            tail -n 20 "$emulators/npm-install.log" >&2
            fail "npm install failed; its log: $emulators/npm-install.log"
        }
    fi
    [[ -f "$kinesalite_js" && -f "$kinesis_mock_js" ]] || fail "the emulators are missing from $emulators"
fi

# ---------------------------------------------------------------------------------------------------------------------
# Processes and cleanup: every process this script starts is recorded and stopped on exit, Ctrl-C or SIGTERM.
work="$(mktemp -d "$base_dir/kinesis-bench.XXXXXX")"
server_pid=""
client_pid=""

install_traps



children_of() { cat /proc/"$1"/task/*/children 2>/dev/null | tr -s ' \n' ' ' | sed 's/ $//' || true; }

# ---------------------------------------------------------------------------------------------------------------------
# Servers. Each is started so that $! is the server process itself (java or node, never a wrapper), checked below.
server_port=""
server_log=""

wait_ready() { # pid, log file, port, line that says the server is up (empty: the port alone), seconds
    local pid="$1" file="$2" port="$3" line="$4" limit="$5" i
    for ((i = 0; i < limit * 10; i++)); do
        alive "$pid" || {
            tail -n 40 "$file" >&2 || true
            fail "the server (pid $pid) exited during start-up; its log: $file"
        }
        if port_open "$port" && { [[ -z "$line" ]] || grep -q -- "$line" "$file" 2>/dev/null; }; then
            return 0
        fi
        sleep 0.1
    done
    tail -n 40 "$file" >&2 || true
    fail "the server (pid $pid) was not ready within ${limit}s (port $port); its log: $file"
}

start_gateway() { # dir
    local dir="$1" admin_port kafka_port
    server_port="$(next_free_port "$base_port")"
    admin_port="$(next_free_port $((server_port + 1)))"
    kafka_port="$(next_free_port $((admin_port + 1)))"
    server_log="$dir/gateway.log"
    # ./shardgate execs java, so $! is the gateway JVM's pid once the launcher has checked the build. The Kafka
    # listener is on a free port of its own and idle.
    # shellcheck disable=SC2086
    JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}" SHARDGATE_LOG_LEVEL=INFO "$root/shardgate" start --data-dir "$dir/data" \
        "--kinesis.port=$server_port" "--admin.port=$admin_port" \
        "--kafka.listeners=PLAINTEXT://127.0.0.1:$kafka_port" ${GATEWAY_ARGS:-} \
        >"$server_log" 2>&1 &
    server_pid=$!
    wait_ready "$server_pid" "$server_log" "$server_port" "Shardgate started" 120
    [[ "$(cat "/proc/$server_pid/comm")" == java ]] || fail "pid $server_pid is not the gateway's JVM: $(cat "/proc/$server_pid/comm")"
}

start_kinesalite() { # dir
    local dir="$1"
    server_port="$(next_free_port "$base_port")"
    server_log="$dir/kinesalite.log"
    # In memory (no --path), its defaults otherwise: CREATING and DELETING last 500 ms, as the gateway's
    # kinesis.statusDelayMs and kinesis-mock's CREATE_STREAM_DURATION. It binds every address; only 127.0.0.1 is used.
    # shellcheck disable=SC2086
    "$node_bin" ${NODE_OPTIONS_EMULATORS:-} "$kinesalite_js" --port "$server_port" >"$server_log" 2>&1 &
    server_pid=$!
    wait_ready "$server_pid" "$server_log" "$server_port" "Listening at" 30
    [[ "$(cat "/proc/$server_pid/comm")" == node ]] || fail "pid $server_pid is not node: $(cat "/proc/$server_pid/comm")"
}

start_kinesis_mock() { # dir
    local dir="$1" tls_port
    server_port="$(next_free_port "$base_port")"
    tls_port="$(next_free_port $((server_port + 1)))"
    server_log="$dir/kinesis-mock.log"
    # kinesis-local is kinesis-mock compiled to JavaScript (Scala.js): one node process. The plain-HTTP port is the
    # one used; the TLS port needs the bundled self-signed certificate (server.json), found by an absolute path.
    # LOG_LEVEL=WARN: no INFO line per request (less work for it than its default). In memory (SHOULD_PERSIST_DATA
    # false, its default); CREATE_STREAM_DURATION and DELETE_STREAM_DURATION at their default 500 ms; SHARD_LIMIT 50.
    # shellcheck disable=SC2086
    env KINESIS_MOCK_PLAIN_PORT="$server_port" KINESIS_MOCK_TLS_PORT="$tls_port" \
        KINESIS_MOCK_CERT_PATH="$(dirname "$kinesis_mock_js")/server.json" LOG_LEVEL=WARN \
        SHOULD_PERSIST_DATA=false "$node_bin" ${NODE_OPTIONS_EMULATORS:-} "$kinesis_mock_js" >"$server_log" 2>&1 &
    server_pid=$!
    wait_ready "$server_pid" "$server_log" "$server_port" "" 60
    [[ "$(cat "/proc/$server_pid/comm")" == node ]] || fail "pid $server_pid is not node: $(cat "/proc/$server_pid/comm")"
}

stop_server() {
    stop_pid "$server_pid" 30
    server_pid=""
}

# ---------------------------------------------------------------------------------------------------------------------
cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem_gib="$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
os_name="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}")"
jvm="$("$java_bin" -version 2>&1 | sed -n 2p)"
fs="$(df -T "$work" | awk 'NR == 2 { print $2 " (" $1 ")" }')"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
dirty="$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo ', with uncommitted changes' || true)"
awssdk_version="$(compgen -G "$root/bench/target/lib/kinesis-*.jar" | head -n 1 | sed -E 's/.*kinesis-(.*)\.jar/\1/')"
node_version="$("$node_bin" --version 2>/dev/null || echo '?')"

km_note=""
km_option=""
if ((kinesis_mock_records != records)); then
    km_note="; **$(thousands "$kinesis_mock_records") records per row** instead of $(thousands "$records") (\`--kinesis-mock-records\`)"
    km_option=" --kinesis-mock-records $kinesis_mock_records"
fi

cat <<EOF
### Kinesis API run $(date -u '+%Y-%m-%d %H:%M UTC')

- Machine: $(nproc) cores ($cpu_model), $mem_gib GiB, $os_name, Linux $(uname -r); data in $base_dir, $fs
- JVM: $jvm; node $node_version
- Gateway: commit $commit$dirty, \`./shardgate start --data-dir <tmp> --kinesis.port=<port> --admin.port=<port> --kafka.listeners=PLAINTEXT://127.0.0.1:<port>${GATEWAY_ARGS:+ $GATEWAY_ARGS}\` (defaults otherwise: limits profile \`unlimited\`, store durability \`os\`, \`kinesis.statusDelayMs\` 500), JAVA_OPTS=\`${GATEWAY_JAVA_OPTS:-}\`: $(heap_settings "${GATEWAY_JAVA_OPTS:-}")
- kinesalite $kinesalite_version (npm): \`node cli.js --port <port>\`, in memory, CREATING 500 ms (its default)
- kinesis-mock: kinesis-local $kinesis_local_version (npm, kinesis-mock compiled to JavaScript): \`node main.js\` with \`KINESIS_MOCK_PLAIN_PORT=<port> LOG_LEVEL=WARN SHOULD_PERSIST_DATA=false\`, defaults otherwise (CREATE_STREAM_DURATION 500 ms, SHARD_LIMIT 50)$km_note
- Client: io.shardgate.bench.KinesisLoad, AWS SDK for Java v2 $awssdk_version sync client, Apache HTTP client (HTTP/1.1), the SDK's default retry policy, one JVM per row, \`${CLIENT_JAVA_OPTS:--Xmx512M}\`, the same for every server
- Workload per row: a warm-up stream ($(thousands "$warmup_records") records put and read back, deleted), then $(thousands "$records") records of $record_size bytes, PutRecords batches of 500 with one thread per shard, random partition keys (the record number); then a GetRecords drain (Limit 10000) of every shard from TRIM_HORIZON, one thread per shard, verifying every record
- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other engineers' builds may be running on the same cores; the last column is the 1-minute load at the end of each row)
- Command: \`bench/kinesis-bench.sh --records $records --record-size $record_size --shards $shards_list --protocols $protocols_list --servers $servers_list$km_option --warmup-records $warmup_records\`

| shards | protocol | server | put rec/s | put p50 ms | put p99 ms | put CPU µs/rec | drain rec/s | drain p50 ms | drain p99 ms | drain CPU µs/rec | CPU µs/rec put + drain | client CPU µs/rec | peak RSS MiB | check | load |
|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|
EOF

# ---------------------------------------------------------------------------------------------------------------------
# One row: start the server, run KinesisLoad, stop.
failures=0
client_opts="${CLIENT_JAVA_OPTS:--Xmx512M}"

field() { sed -nE "s/.* $1=([^ ]*).*/\1/p" <<<"$2"; } # key, summary line

# Results of the last configuration, by server (for the ratio row).
declare -A r_put r_put_cpu r_drain r_drain_cpu r_cpu r_rss

run_row() { # server shards protocol
    local server="$1" shards="$2" protocol="$3"
    dir="$work/$server-s$shards-$protocol"
    local rc=0 summary check="" rss children
    local put_rps="" put_p50="" put_p99="" put_cpu="" drain_rps="" drain_p50="" drain_p99="" drain_cpu="" total_cpu=""
    local client_cpu="" retried="" attempts="" row_records="$records" row_warmup="$warmup_records"
    if [[ "$server" == kinesis-mock ]]; then
        row_records="$kinesis_mock_records"
        ((row_warmup <= row_records)) || row_warmup="$row_records"
    fi
    mkdir -p "$dir"
    log "row: $server, $shards shard(s), $protocol, $row_records records"
    case "$server" in
        gateway) start_gateway "$dir" ;;
        kinesalite) start_kinesalite "$dir" ;;
        kinesis-mock) start_kinesis_mock "$dir" ;;
    esac
    log "  $server up (pid $server_pid, $(cat "/proc/$server_pid/comm"), http://127.0.0.1:$server_port)"

    # shellcheck disable=SC2086
    run_client "$phase_timeout" "$dir/load.out" "$dir/load.err" "$java_bin" $client_opts -cp "$client_cp" \
        io.shardgate.bench.KinesisLoad --endpoint "http://127.0.0.1:$server_port" --stream "bench-s$shards-$protocol" \
        --shards "$shards" --records "$row_records" --record-size "$record_size" --protocol "$protocol" \
        --warmup-records "$row_warmup" --server-pid "$server_pid" --clk-tck "$clk_tck" || rc=$?
    children="$(children_of "$server_pid")"
    rss="$(peak_rss_mib "$server_pid")"
    summary="$(grep '^kinesis-load ' "$dir/load.out" | tail -n 1 || true)"
    if [[ -n "$summary" && "$summary" == *" check=ok"* ]]; then
        put_rps="$(field put_rps "$summary")" put_p50="$(field put_p50_ms "$summary")"
        put_p99="$(field put_p99_ms "$summary")" put_cpu="$(field put_server_us_per_record "$summary")"
        drain_rps="$(field drain_rps "$summary")" drain_p50="$(field drain_p50_ms "$summary")"
        drain_p99="$(field drain_p99_ms "$summary")" drain_cpu="$(field drain_server_us_per_record "$summary")"
        total_cpu="$(awk -v a="$put_cpu" -v b="$drain_cpu" 'BEGIN { printf "%.3f", a + b }')"
        client_cpu="$(awk -v a="$(field put_client_us_per_record "$summary")" -v b="$(field drain_client_us_per_record "$summary")" \
            'BEGIN { printf "%.3f", a + b }')"
        retried="$(field put_retried_records "$summary")"
        attempts="$(field http_attempts "$summary")"
        check="ok"
        ((row_records == records)) || check+=", $(thousands "$row_records") records"
        [[ "$retried" == 0 ]] || check+=", $retried records retried"
    else
        if [[ -n "$summary" ]]; then
            check="$(sed -E 's/.* check=FAILED://; s/^check=FAILED://; s/_/ /g' <<<"${summary#kinesis-load }")"
        elif ((rc == 124)); then
            check="timed out after ${phase_timeout}s"
        else
            check="exit $rc, no summary: $(grep -hE 'Exception|Error' "$dir/load.err" | head -n 1 || true)"
        fi
        check="$(sed -E 's/software\.amazon\.awssdk\.[a-z.]*\.([A-Z])/\1/g; s/org\.apache\.http\.[a-z.]*\.([A-Z])/\1/g' <<<"$check" |
            cut -c 1-260 | tr '|' '/')"
    fi
    alive "$server_pid" || check+="; the server exited (see $server_log)"
    [[ -z "$children" ]] || check+="; the server has child processes ($children) whose CPU is not counted"
    stop_server
    if [[ "$server" == gateway ]] && grep -qE '(^|[] ])ERROR ' "$server_log"; then
        check+="; the server logged errors: $(grep -hE '(^|[] ])ERROR ' "$server_log" | head -n 1 | cut -c 1-200 | tr '|' '/' || true)"
    fi
    if [[ "$check" != ok* ]]; then
        failures=$((failures + 1))
        check="FAILED: $check"
        log "  $check"
        keep=1
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$shards" "$protocol" "$server" "$(fmt_int "$put_rps")" "$(fmt_dec "$put_p50" 1)" "$(fmt_dec "$put_p99" 1)" \
        "$(fmt_dec "$put_cpu" 1)" "$(fmt_int "$drain_rps")" "$(fmt_dec "$drain_p50" 1)" "$(fmt_dec "$drain_p99" 1)" \
        "$(fmt_dec "$drain_cpu" 1)" "$(fmt_dec "$total_cpu" 1)" "$(fmt_dec "$client_cpu" 1)" "$rss" "$check" \
        "$(cut -d' ' -f1 /proc/loadavg)"
    log "  put $(fmt_int "$put_rps") rec/s, ${put_cpu:--} µs/rec; drain $(fmt_int "$drain_rps") rec/s, ${drain_cpu:--} µs/rec; ${attempts:-?} HTTP attempts; peak RSS $rss MiB"

    r_put[$server]="$put_rps" r_put_cpu[$server]="$put_cpu" r_drain[$server]="$drain_rps"
    r_drain_cpu[$server]="$drain_cpu" r_cpu[$server]="$total_cpu"
    # Memory only of rows that did all the work (a server that failed early holds less).
    r_rss[$server]=""
    [[ -z "$put_rps" ]] || r_rss[$server]="$rss"
    [[ "$keep" == 1 ]] || rm -rf "$dir"
}

ratio() { # gateway reference higher|lower target
    awk -v a="$1" -v b="$2" -v kind="$3" -v t="$4" 'BEGIN {
        if (a == "" || b == "" || b + 0 == 0) { print "-"; exit }
        r = a / b; met = (kind == "higher") ? r >= t : r <= t
        printf "**%.3f** %s", r, met ? "met" : "missed" }'
}

# The better of the emulators that completed the row: the highest of a rate, the lowest of a cost.
best() { # higher|lower array-name
    local kind="$1" name="$2" s v out=""
    local -n values="$name"
    for s in kinesalite kinesis-mock; do
        [[ -n "${values[$s]+x}" && -n "${values[$s]}" && "${values[$s]}" != "?" ]] || continue
        v="${values[$s]}"
        if [[ -z "$out" ]] || awk -v v="$v" -v o="$out" -v k="$kind" 'BEGIN { exit !((k == "higher") ? v > o : v < o) }'; then
            out="$v"
        fi
    done
    echo "$out"
}

for shards in "${shards_arr[@]}"; do
    for protocol in "${protocols_arr[@]}"; do
        r_put=() r_put_cpu=() r_drain=() r_drain_cpu=() r_cpu=() r_rss=()
        for server in "${servers_arr[@]}"; do
            run_row "$server" "$shards" "$protocol"
        done
        if [[ -n "${r_put[gateway]:-}" ]]; then
            ok_emulators=""
            for s in kinesalite kinesis-mock; do [[ -n "${r_put[$s]:-}" ]] && ok_emulators+="${ok_emulators:+, }$s"; done
            if [[ -n "$ok_emulators" ]]; then
                # Memory: below both emulators, so against the lower peak of those that completed the row.
                printf '| %s | %s | gateway / better emulator (%s) | %s | | | %s | %s | | | %s | %s | | %s | targets: rec/s ≥ 3, CPU ≤ 0.05, RSS < 1 | |\n' \
                    "$shards" "$protocol" "$ok_emulators" \
                    "$(ratio "${r_put[gateway]}" "$(best higher r_put)" higher 3)" \
                    "$(ratio "${r_put_cpu[gateway]}" "$(best lower r_put_cpu)" lower 0.05)" \
                    "$(ratio "${r_drain[gateway]}" "$(best higher r_drain)" higher 3)" \
                    "$(ratio "${r_drain_cpu[gateway]}" "$(best lower r_drain_cpu)" lower 0.05)" \
                    "$(ratio "${r_cpu[gateway]}" "$(best lower r_cpu)" lower 0.05)" \
                    "$(ratio "${r_rss[gateway]}" "$(best lower r_rss)" lower 0.999)"
            fi
        fi
    done
done

echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((failures > 0)); then
    log "$failures row(s) failed; logs kept in $work"
    exit 1
fi
