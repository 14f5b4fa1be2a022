#!/usr/bin/env bash
# Kafka protocol benchmark (issue 4): Apache Kafka's own ProducerPerformance and ConsumerPerformance (kafka-tools)
# against the gateway and against Apache Kafka itself (KRaft combined mode, one node), one server at a time, each a
# separate local process whose CPU time is read from /proc/<pid>/stat before and after every phase.
#
#   bench/kafka-bench.sh                          # the full matrix: 2,000,000 x 1 KiB records, 8 rows
#   bench/kafka-bench.sh --records 50000          # a quick run of the same matrix
#   bench/kafka-bench.sh --servers gateway --partitions 8 --profile tuned --records 100000
#   bench/kafka-bench.sh --help                   # every option
#
# Markdown goes to stdout (an environment header, then one table row per server and configuration and a
# gateway / Kafka ratio row, each printed as soon as it is done); progress goes to stderr. Exit status: 0 when every
# phase ran and every count matched, 1 when a row failed (the row says why), 2 for a bad command line.
#
# Also runs io.shardgate.bench.AssignedConsumerPerformance (the fetch path without a consumer group). See
# docs/benchmarks.md, section "Kafka protocol", for what each row does and the columns.
#
# Environment: GATEWAY_ARGS (extra ./shardgate start options, e.g. "--store.durability=fsync"; default none),
# GATEWAY_JAVA_OPTS and KAFKA_JAVA_OPTS (default: empty, i.e. the JVM's default heap and GC for both
# servers), CLIENT_JAVA_OPTS (default "-Xmx512M", as Kafka's kafka-*-perf-test.sh scripts), BENCH_SKIP_BUILD=1 skips
# the Maven build, JAVA (default: java).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
cd "$root"
java_bin="${JAVA:-java}"

usage() {
    cat <<'EOF'
Usage: bench/kafka-bench.sh [options]

  --records N          records produced and then consumed per row (default 2000000)
  --record-size N      bytes per record value, no key (default 1024)
  --partitions LIST    partition counts, comma-separated (default 1,8)
  --profile LIST       producer profiles, comma-separated (default default,tuned):
                         default  client defaults and acks=all
                         tuned    acks=all linger.ms=5 batch.size=262144
  --servers LIST       servers, comma-separated, run in this order for each configuration (default gateway,kafka)
  --consumer LIST      consumers run one after the other after the produce phase, each reading every record
                       (default perf,assigned):
                         perf      Kafka's ConsumerPerformance (a consumer group: subscribe, FindCoordinator,
                                   JoinGroup, SyncGroup, offset commits)
                         assigned  io.shardgate.bench.AssignedConsumerPerformance: ConsumerPerformance's settings
                                   with assign() instead of a group, checking that offsets have no gap or repeat
  --dir PATH           parent of the temporary data directories (default ${TMPDIR:-/tmp})
  --port N             first TCP port to try for the servers' listeners (default 19092; the next free ones are used)
  --phase-timeout S    seconds one produce or consume phase may take before it is killed and the row fails
                       (default: 300 + records / 2000)
  --consumer-timeout MS  ConsumerPerformance --timeout: longest wait for records before it gives up (default 30000)
  --no-warmup          skip the warm-up before each row's measured phases (a topic bench-warmup, 100 records
                       produced with acks=all and, with the perf consumer, read by a consumer group)
  --warmup-records N   records the warm-up produces (default 100) and, when above 100, reads back with each
                       consumer: enough (e.g. 500000) lets both JVMs compile their hot paths before the measured
                       phases, so the rows show steady-state costs rather than JIT compilation
  --rebalance LIST     instead of the produce/consume matrix: consumer-group rebalance times for these member
                       counts, comma-separated (e.g. 1,10,50), with io.shardgate.bench.RebalanceBenchmark: N members
                       join a new group on a topic of --rebalance-partitions partitions at once (time until every
                       partition has one owner and every member some), then one more joins (time until spread again)
  --group-protocols LIST  group.protocol values for --rebalance, comma-separated (default classic,consumer)
  --rebalance-partitions N  partitions of the --rebalance topic (default 60; must exceed every member count)
  --rounds N           rounds per --rebalance configuration, each a new group (default 3)
  --keep               keep the data directories and logs (printed at the end)
  -h, --help           this text

Every row starts a fresh server on a fresh data directory, creates the topic with kafka-topics (TopicCommand), warms
up, produces with ProducerPerformance (--throughput -1), checks the end offsets with GetOffsetShell, reads everything
back from the earliest offset with each consumer, then stops the server and deletes its data. The server's CPU time
(utime + stime from /proc/<pid>/stat) is read just before and just after each produce and consume phase.
See docs/benchmarks.md, section "Kafka protocol".
EOF
}

records=2000000
record_size=1024
partitions_list="1,8"
profiles_list="default,tuned"
servers_list="gateway,kafka"
consumers_list="perf,assigned"
base_dir="${TMPDIR:-/tmp}"
base_port=19092
phase_timeout=""
consumer_timeout=30000
keep=0
warmup=1
warmup_records=100
rebalance_list=""
group_protocols_list="classic,consumer"
rebalance_partitions=60
rounds=3


while [[ $# -gt 0 ]]; do
    case "$1" in
        --records) need_value "$@"; records="$2"; shift 2 ;;
        --records=*) records="${1#*=}"; shift ;;
        --record-size) need_value "$@"; record_size="$2"; shift 2 ;;
        --record-size=*) record_size="${1#*=}"; shift ;;
        --partitions) need_value "$@"; partitions_list="$2"; shift 2 ;;
        --partitions=*) partitions_list="${1#*=}"; shift ;;
        --profile | --profiles) need_value "$@"; profiles_list="$2"; shift 2 ;;
        --profile=* | --profiles=*) profiles_list="${1#*=}"; shift ;;
        --servers) need_value "$@"; servers_list="$2"; shift 2 ;;
        --servers=*) servers_list="${1#*=}"; shift ;;
        --consumer | --consumers) need_value "$@"; consumers_list="$2"; shift 2 ;;
        --consumer=* | --consumers=*) consumers_list="${1#*=}"; shift ;;
        --dir) need_value "$@"; base_dir="$2"; shift 2 ;;
        --dir=*) base_dir="${1#*=}"; shift ;;
        --port) need_value "$@"; base_port="$2"; shift 2 ;;
        --port=*) base_port="${1#*=}"; shift ;;
        --phase-timeout) need_value "$@"; phase_timeout="$2"; shift 2 ;;
        --phase-timeout=*) phase_timeout="${1#*=}"; shift ;;
        --consumer-timeout) need_value "$@"; consumer_timeout="$2"; shift 2 ;;
        --consumer-timeout=*) consumer_timeout="${1#*=}"; shift ;;
        --rebalance) need_value "$@"; rebalance_list="$2"; shift 2 ;;
        --rebalance=*) rebalance_list="${1#*=}"; shift ;;
        --group-protocols) need_value "$@"; group_protocols_list="$2"; shift 2 ;;
        --group-protocols=*) group_protocols_list="${1#*=}"; shift ;;
        --rebalance-partitions) need_value "$@"; rebalance_partitions="$2"; shift 2 ;;
        --rebalance-partitions=*) rebalance_partitions="${1#*=}"; shift ;;
        --rounds) need_value "$@"; rounds="$2"; shift 2 ;;
        --rounds=*) rounds="${1#*=}"; shift ;;
        --keep) keep=1; shift ;;
        --no-warmup) warmup=0; shift ;;
        --warmup-records) need_value "$@"; warmup_records="$2"; shift 2 ;;
        --warmup-records=*) warmup_records="${1#*=}"; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die_usage "unknown option: $1" ;;
    esac
done

is_uint "$records" || die_usage "--records must be a positive integer: $records"
is_uint "$record_size" || die_usage "--record-size must be a positive integer: $record_size"
is_uint "$base_port" && ((base_port < 65000)) || die_usage "--port must be between 1 and 64999: $base_port"
is_uint "$consumer_timeout" || die_usage "--consumer-timeout must be a positive integer: $consumer_timeout"
[[ -z "$phase_timeout" ]] && phase_timeout=$((300 + records / 2000))
is_uint "$phase_timeout" || die_usage "--phase-timeout must be a positive integer: $phase_timeout"
[[ -d "$base_dir" ]] || die_usage "--dir is not a directory: $base_dir"

IFS=',' read -r -a partitions_arr <<<"$partitions_list"
IFS=',' read -r -a profiles_arr <<<"$profiles_list"
IFS=',' read -r -a servers_arr <<<"$servers_list"
IFS=',' read -r -a consumers_arr <<<"$consumers_list"
((${#partitions_arr[@]} > 0)) || die_usage "--partitions is empty"
((${#profiles_arr[@]} > 0)) || die_usage "--profile is empty"
((${#servers_arr[@]} > 0)) || die_usage "--servers is empty"
((${#consumers_arr[@]} > 0)) || die_usage "--consumer is empty"
for p in "${partitions_arr[@]}"; do is_uint "$p" || die_usage "--partitions: not a positive integer: $p"; done
for p in "${profiles_arr[@]}"; do [[ "$p" == default || "$p" == tuned ]] || die_usage "--profile: default or tuned, not: $p"; done
for s in "${servers_arr[@]}"; do [[ "$s" == gateway || "$s" == kafka ]] || die_usage "--servers: gateway or kafka, not: $s"; done
for c in "${consumers_arr[@]}"; do [[ "$c" == perf || "$c" == assigned ]] || die_usage "--consumer: perf or assigned, not: $c"; done

profile_props() {
    case "$1" in
        default) echo "acks=all" ;;
        tuned) echo "acks=all linger.ms=5 batch.size=262144" ;;
    esac
}

log() { echo "kafka-bench: $*" >&2; }
fail() {
    log "ERROR: $*"
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------------
# Build: the bench module with the kafka-reference profile copies Apache Kafka (broker and tools) to
# bench/target/kafka-lib; ./shardgate builds the gateway itself when its sources changed.
kafka_lib="$root/bench/target/kafka-lib"
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    log "building (mvn -B -q package -pl bench -am -DskipTests -Pkafka-reference, and the gateway through ./shardgate)"
    mvn -B -q -Dstyle.color=never package -pl bench -am -DskipTests -Pkafka-reference >&2
    "$root/shardgate" --help >/dev/null
fi
compgen -G "$kafka_lib/kafka-tools-*.jar" >/dev/null && compgen -G "$kafka_lib/kafka_2.13-*.jar" >/dev/null ||
    fail "$kafka_lib has no kafka-tools or kafka_2.13 jar; run without BENCH_SKIP_BUILD=1"
[[ -f "$root/gateway/target/.shardgate-built" ]] || fail "the gateway is not built; run without BENCH_SKIP_BUILD=1"
kafka_version="$(basename "$(compgen -G "$kafka_lib/kafka-tools-*.jar" | head -n 1)" .jar)"
kafka_version="${kafka_version#kafka-tools-}"
kafka_cp="$kafka_lib/*"
bench_jar="$(compgen -G "$root/bench/target/shardgate-bench-*.jar" | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
[[ -n "$bench_jar" ]] || fail "bench/target has no shardgate-bench jar; run without BENCH_SKIP_BUILD=1"
# The clients' class path, the same for both servers: Kafka's jars and the bench jar (AssignedConsumerPerformance).
client_cp="$bench_jar:$kafka_lib/*"

# ---------------------------------------------------------------------------------------------------------------------
# Processes and cleanup: every process this script starts is recorded and stopped on exit, Ctrl-C or SIGTERM.
work="$(mktemp -d "$base_dir/kafka-bench.XXXXXX")"
server_pid=""
client_pid=""

install_traps



cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat); empty if it is gone
    local stat
    alive "$1" || return 0
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
    stat="${stat##*) }" # the command name may contain spaces; the fields after it start with the state (field 3)
    awk '{ print $12 + $13 }' <<<"$stat"
}

# ---------------------------------------------------------------------------------------------------------------------
# Servers.
kafka_port=""
server_log=""

cat >"$work/server-logback.xml" <<'EOF'
<configuration>
    <!-- Apache Kafka's broker logs at INFO to its log file, as with Kafka's own log4j2 configuration. -->
    <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
        <encoder><pattern>[%d] %-5level %msg \(%logger\)%n</pattern></encoder>
    </appender>
    <logger name="kafka.request.logger" level="WARN" />
    <root level="INFO"><appender-ref ref="OUT" /></root>
</configuration>
EOF
cat >"$work/client-logback.xml" <<'EOF'
<configuration>
    <!-- The client tools: warnings and errors only (on stderr, kept in the row's client log). -->
    <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
        <target>System.err</target>
        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
    </appender>
    <root level="WARN"><appender-ref ref="ERR" /></root>
</configuration>
EOF

wait_ready() { # pid, log file, port, line that says the server is up, seconds
    local pid="$1" file="$2" port="$3" line="$4" limit="$5" i
    for ((i = 0; i < limit * 10; i++)); do
        alive "$pid" || {
            tail -n 40 "$file" >&2 || true
            fail "the server (pid $pid) exited during start-up; its log: $file"
        }
        if port_open "$port" && grep -q -- "$line" "$file" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    tail -n 40 "$file" >&2 || true
    fail "the server (pid $pid) was not ready within ${limit}s (port $port, log line '$line'); its log: $file"
}

start_gateway() { # dir
    local dir="$1" admin_port
    kafka_port="$(next_free_port "$base_port")"
    admin_port="$(next_free_port $((kafka_port + 1)))"
    server_log="$dir/gateway.log"
    # ./shardgate execs java, so $! is the gateway JVM's pid once the launcher has checked the build. The first
    # rebalance of a group does not wait, as with the Kafka broker's config below.
    # shellcheck disable=SC2086
    JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}" SHARDGATE_LOG_LEVEL=INFO "$root/shardgate" start --data-dir "$dir/data" \
        "--kafka.listeners=PLAINTEXT://127.0.0.1:$kafka_port" "--admin.port=$admin_port" \
        --kafka.groups.initialRebalanceDelayMs=0 ${GATEWAY_ARGS:-} \
        >"$server_log" 2>&1 &
    server_pid=$!
    wait_ready "$server_pid" "$server_log" "$kafka_port" "Shardgate started" 120
    [[ "$(cat "/proc/$server_pid/comm")" == java ]] || fail "pid $server_pid is not the gateway's JVM: $(cat "/proc/$server_pid/comm")"
}

start_kafka() { # dir
    local dir="$1" controller_port cluster_id
    kafka_port="$(next_free_port "$base_port")"
    controller_port="$(next_free_port $((kafka_port + 1)))"
    server_log="$dir/kafka.log"
    cat >"$dir/server.properties" <<EOF
# Written by bench/kafka-bench.sh: one node, KRaft combined mode, defaults otherwise (as Kafka's config/server.properties)
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/kafka-logs
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# As Kafka's shipped config/server.properties: no 3 s wait before the first consumer group rebalance.
group.initial.rebalance.delay.ms=0
EOF
    # A random Kafka Uuid: 16 bytes, URL-safe base64 without padding.
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c 1-22)"
    "$java_bin" -Xmx512M -Dlogback.configurationFile="$work/client-logback.xml" -cp "$kafka_cp" \
        kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >"$dir/storage-format.log" 2>&1 ||
        {
            cat "$dir/storage-format.log" >&2
            fail "kafka-storage format failed"
        }
    # shellcheck disable=SC2086
    "$java_bin" ${KAFKA_JAVA_OPTS:-} -Dlogback.configurationFile="$work/server-logback.xml" -cp "$kafka_cp" \
        kafka.Kafka "$dir/server.properties" >"$server_log" 2>&1 &
    server_pid=$!
    wait_ready "$server_pid" "$server_log" "$kafka_port" "Kafka Server started" 120
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
gib="$(awk -v n="$records" -v s="$record_size" 'BEGIN { printf "%.3f", n * s / 1073741824 }')"

if [[ -z "$rebalance_list" ]]; then
cat <<EOF
### Kafka protocol run $(date -u '+%Y-%m-%d %H:%M UTC')

- Machine: $(nproc) cores ($cpu_model), $mem_gib GiB, $os_name, Linux $(uname -r); data in $base_dir, $fs
- JVM: $jvm
- Gateway: commit $commit$dirty, \`./shardgate start --data-dir <tmp> --kafka.listeners=PLAINTEXT://127.0.0.1:<port> --admin.port=<port> --kafka.groups.initialRebalanceDelayMs=0${GATEWAY_ARGS:+ $GATEWAY_ARGS}\` (the store's defaults unless these options say otherwise: durability \`os\`, synced every second), JAVA_OPTS=\`${GATEWAY_JAVA_OPTS:-}\`: $(heap_settings "${GATEWAY_JAVA_OPTS:-}")
- Apache Kafka $kafka_version: \`kafka.Kafka server.properties\` (KRaft, process.roles=broker,controller, one node, Kafka's defaults otherwise: no periodic fsync), JVM options \`${KAFKA_JAVA_OPTS:-}\`: $(heap_settings "${KAFKA_JAVA_OPTS:-}")
- Clients: kafka-tools $kafka_version ProducerPerformance, ConsumerPerformance and the bench's AssignedConsumerPerformance, one JVM each, \`${CLIENT_JAVA_OPTS:--Xmx512M}\`, the same class path for both servers
- Workload: $(thousands "$records") records of $record_size bytes per row ($gib GiB of record values), no key, \`--throughput -1\`, producer profile \`default\` = \`acks=all\`, \`tuned\` = \`acks=all linger.ms=5 batch.size=262144\`; then each consumer ($consumers_list) reads all of them from the earliest offset (\`--num-records $records --timeout $consumer_timeout\`)
- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)
- Command: \`bench/kafka-bench.sh --records $records --record-size $record_size --partitions $partitions_list --profile $profiles_list --servers $servers_list --consumer $consumers_list$( [[ "$warmup" == 1 ]] && echo " --warmup-records $warmup_records" || echo " --no-warmup")\`

| partitions | profile | server | produce rec/s | produce MB/s | p50 ms | p99 ms | CPU s/GiB produce | ConsumerPerformance rec/s | CPU s/GiB consume | assigned consumer rec/s | CPU s/GiB consume (assigned) | peak RSS MiB | check | load |
|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|
EOF
fi

# ---------------------------------------------------------------------------------------------------------------------
# One row: start the server, create the topic, produce, check offsets, consume, stop.
failures=0
client_opts="${CLIENT_JAVA_OPTS:--Xmx512M}"

cpu_per_gib() { # ticks before, ticks after
    [[ -n "$1" && -n "$2" ]] || return 0
    awk -v t=$(($2 - $1)) -v hz="$clk_tck" -v g="$gib" 'BEGIN { printf "%.3f", t / hz / g }'
}

# Runs one of Kafka's tools (or the bench's consumer) as its own JVM with the clients' class path.
# Usage: run_tool SECONDS NAME MAIN-CLASS args...  (output in $dir/NAME.out and $dir/NAME.err)
run_tool() {
    local limit="$1" name="$2" main="$3"
    shift 3
    # shellcheck disable=SC2086
    run_client "$limit" "$dir/$name.out" "$dir/$name.err" "$java_bin" $client_opts \
        -Dlogback.configurationFile="$work/client-logback.xml" -cp "$client_cp" "$main" "$@"
}

# The first error line of the given files, shortened for a table cell.
first_error() {
    grep -hE 'WARNING: Exiting before|Exception|ERROR' "$@" | head -n 1 |
        sed -E 's/org\.apache\.kafka\.common\.errors\.//g; s/^ERROR: //' | cut -c 1-200 | tr '|' '/' || true
}

# The consume phase with one consumer; sets c_rps and c_cpu, and appends to check what went wrong.
# Usage: consume_phase perf|assigned
consume_phase() {
    local kind="$1" rc=0 t0 t1 vals mbs consumed="" label problems=""
    local out="$dir/consume-$kind.out" err="$dir/consume-$kind.err"
    c_rps="" c_cpu=""
    t0="$(cpu_ticks "$server_pid")"
    if [[ "$kind" == perf ]]; then
        label="ConsumerPerformance"
        run_tool "$phase_timeout" "consume-$kind" org.apache.kafka.tools.ConsumerPerformance \
            --bootstrap-server "$bootstrap" --topic "$topic" --num-records "$records" --group "$group" \
            --timeout "$consumer_timeout" || rc=$?
    else
        label="assigned consumer"
        run_tool "$phase_timeout" "consume-$kind" io.shardgate.bench.AssignedConsumerPerformance \
            --bootstrap-server "$bootstrap" --topic "$topic" --num-records "$records" \
            --timeout "$consumer_timeout" || rc=$?
    fi
    t1="$(cpu_ticks "$server_pid")"
    # A header line "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ..." and
    # one line of values.
    vals="$(awk -F', *' '
        /data.consumed.in.nMsg/ { for (i = 1; i <= NF; i++) col[$i] = i; header = 1; next }
        header && NF >= 6 { print $col["MB.sec"], $col["data.consumed.in.nMsg"], $col["nMsg.sec"]; exit }' "$out")"
    [[ -z "$vals" ]] || read -r mbs consumed c_rps <<<"$vals"
    if ((rc == 124)); then
        problems+="timed out after ${phase_timeout}s; "
    fi
    [[ -z "$consumed" || "$consumed" == "$records" ]] || problems+="read $consumed of $records; "
    if grep -qE 'WARNING: Exiting before|Exception|ERROR' "$err" "$out"; then
        problems+="$(first_error "$out" "$err"); "
    else
        ((rc == 0 || rc == 124)) || problems+="exit $rc; "
        [[ -n "$vals" ]] || problems+="no summary; "
    fi
    alive "$server_pid" || problems+="the server exited (see $server_log); "
    if [[ -n "$problems" ]]; then
        check+="$label: ${problems%; }; "
        c_rps="" # no rate and no CPU figure from a phase that did not read everything
    else
        c_cpu="$(cpu_per_gib "$t0" "$t1")"
    fi
}

# Results of the last configuration, by server (for the ratio row).
declare -A r_prod r_cpu_prod r_perf r_cpu_perf r_asg r_cpu_asg

run_row() { # server partitions profile
    local server="$1" parts="$2" profile="$3"
    dir="$work/$server-p$parts-$profile"
    topic="bench-p$parts-$profile"
    group="bench-$server-p$parts-$profile"
    check=""
    local rc t0 t1 prod_line prod_rps="" prod_mbs="" p50="" p99="" sent="" cpu_prod="" end_sum="" rss problems=""
    local perf_rps="" perf_cpu="" asg_rps="" asg_cpu="" props kind
    mkdir -p "$dir"
    log "row: $server, $parts partition(s), profile $profile, $records records"

    if [[ "$server" == gateway ]]; then start_gateway "$dir"; else start_kafka "$dir"; fi
    bootstrap="127.0.0.1:$kafka_port"
    log "  $server up (pid $server_pid, $bootstrap)"

    run_tool 120 topic org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
        --topic "$topic" --partitions "$parts" --replication-factor 1 || {
        cat "$dir/topic.out" "$dir/topic.err" >&2
        fail "creating topic $topic on $server failed"
    }

    # Warm-up, outside the measured phases: a first consumer group makes Apache Kafka create __consumer_offsets (50
    # partitions), a cost a running cluster paid long ago; and a first idempotent producer gets a producer id block.
    if [[ "$warmup" == 1 ]]; then
        local warm=""
        run_tool 120 warmup-topic org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
            --topic bench-warmup --partitions 1 --replication-factor 1 || warm+=" topic"
        run_tool 120 warmup-produce org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$bootstrap" \
            --topic bench-warmup --num-records "$warmup_records" --record-size "$record_size" --throughput -1 \
            --command-property acks=all || warm+=" ProducerPerformance"
        if [[ " ${consumers_arr[*]} " == *" perf "* ]]; then
            run_tool 120 warmup-consume org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" \
                --topic bench-warmup --num-records "$warmup_records" --group bench-warmup \
                --timeout "$consumer_timeout" || warm+=" ConsumerPerformance"
        fi
        if [[ " ${consumers_arr[*]} " == *" assigned "* && "$warmup_records" -gt 100 ]]; then
            run_tool 300 warmup-consume-assigned io.shardgate.bench.AssignedConsumerPerformance \
                --bootstrap-server "$bootstrap" --topic bench-warmup --num-records "$warmup_records" \
                --timeout "$consumer_timeout" || warm+=" AssignedConsumerPerformance"
        fi
        [[ -z "$warm" ]] || log "  warm-up failed on $server:$warm (see $dir/warmup-*.err); the row goes on"
    fi

    # Produce.
    read -r -a props <<<"$(profile_props "$profile")"
    t0="$(cpu_ticks "$server_pid")"
    rc=0
    run_tool "$phase_timeout" produce org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$bootstrap" \
        --topic "$topic" --num-records "$records" --record-size "$record_size" --throughput -1 \
        --command-property "${props[@]}" || rc=$?
    t1="$(cpu_ticks "$server_pid")"
    # The summary line: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, P ms 50th, ..."
    prod_line="$(grep -E 'records sent.*50th' "$dir/produce.out" | tail -n 1 || true)"
    if [[ -n "$prod_line" ]]; then
        sent="$(sed -E 's/^([0-9]+) records sent.*/\1/' <<<"$prod_line")"
        prod_rps="$(sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$prod_line")"
        prod_mbs="$(sed -E 's/.*records\/sec \(([0-9.]+) MB\/sec\).*/\1/' <<<"$prod_line")"
        p50="$(sed -E 's/.* ([0-9.]+) ms 50th.*/\1/' <<<"$prod_line")"
        p99="$(sed -E 's/.* ([0-9.]+) ms 99th.*/\1/' <<<"$prod_line")"
    fi
    if ((rc == 124)); then
        problems+="timed out after ${phase_timeout}s; "
    elif ((rc != 0)); then
        problems+="exit $rc; "
    fi
    [[ -n "$prod_line" ]] || problems+="no summary; "
    [[ -z "$sent" || "$sent" == "$records" ]] || problems+="$sent of $records records acknowledged; "
    if grep -qE 'Exception|ERROR' "$dir/produce.err" "$dir/produce.out"; then
        # ProducerPerformance prints the stack trace of every failed send and counts only the acknowledged ones.
        problems+="errors: $({ grep -hoE '[A-Za-z.]*(Exception|Error)\b|ERROR' "$dir/produce.err" "$dir/produce.out" || true; } |
            sort | uniq -c | sort -rn | head -n 3 | awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }' || true); "
    fi
    alive "$server_pid" || problems+="the server exited (see $server_log); "
    if [[ -n "$problems" ]]; then
        check+="ProducerPerformance: ${problems%; }; "
        prod_rps=""
    else
        cpu_prod="$(cpu_per_gib "$t0" "$t1")"
    fi

    if alive "$server_pid"; then
        # End offsets: what the server says it holds (outside the measured phases).
        if run_tool 120 offsets org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$bootstrap" \
            --topic "$topic" --time -1; then
            end_sum="$(awk -F: -v t="$topic" '$1 == t { s += $3; n++ } END { if (n) print s }' "$dir/offsets.out")"
            [[ "$end_sum" == "$records" ]] || check+="end offsets sum to ${end_sum:-nothing}, not $records; "
        else
            check+="GetOffsetShell failed: $(first_error "$dir/offsets.out" "$dir/offsets.err"); "
        fi
        for kind in "${consumers_arr[@]}"; do
            alive "$server_pid" || break
            consume_phase "$kind"
            if [[ "$kind" == perf ]]; then
                perf_rps="$c_rps" perf_cpu="$c_cpu"
            else
                asg_rps="$c_rps" asg_cpu="$c_cpu"
            fi
        done
    fi

    rss="$(peak_rss_mib "$server_pid")"
    stop_server
    if grep -qE '(^|[] ])ERROR ' "$server_log"; then
        check+="the server logged errors: $(grep -hE '(^|[] ])ERROR ' "$server_log" | head -n 1 | cut -c 1-200 | tr '|' '/' || true); "
    fi

    if [[ -z "$check" ]]; then
        check="ok"
    else
        failures=$((failures + 1))
        check="FAILED: ${check%; }"
        log "  $check"
        keep=1
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$parts" "$profile" "$server" "$(fmt_int "$prod_rps")" "$(fmt_dec "$prod_mbs")" "$(fmt_dec "$p50" 0)" \
        "$(fmt_dec "$p99" 0)" "$(fmt_dec "$cpu_prod")" "$(fmt_int "$perf_rps")" "$(fmt_dec "$perf_cpu")" \
        "$(fmt_int "$asg_rps")" "$(fmt_dec "$asg_cpu")" "$rss" "$check" "$(cut -d' ' -f1 /proc/loadavg)"
    log "  produce $(fmt_int "$prod_rps") rec/s, ${cpu_prod:--} CPU s/GiB; ConsumerPerformance $(fmt_int "$perf_rps") rec/s, ${perf_cpu:--} CPU s/GiB; assigned consumer $(fmt_int "$asg_rps") rec/s, ${asg_cpu:--} CPU s/GiB"

    r_prod[$server]="$prod_rps" r_cpu_prod[$server]="$cpu_prod"
    r_perf[$server]="$perf_rps" r_cpu_perf[$server]="$perf_cpu"
    r_asg[$server]="$asg_rps" r_cpu_asg[$server]="$asg_cpu"
    [[ "$keep" == 1 ]] || rm -rf "$dir"
}

ratio() { # gateway kafka higher|lower target
    awk -v a="$1" -v b="$2" -v kind="$3" -v t="$4" 'BEGIN {
        if (a == "" || b == "" || b + 0 == 0) { print "-"; exit }
        r = a / b; met = (kind == "higher") ? r >= t : r <= t
        printf "**%.3f** %s", r, met ? "met" : "missed" }'
}

# ---------------------------------------------------------------------------------------------------------------------
# --rebalance: group rebalance times instead of the matrix.
if [[ -n "$rebalance_list" ]]; then
    IFS=',' read -r -a rebalance_arr <<<"$rebalance_list"
    IFS=',' read -r -a group_protocols_arr <<<"$group_protocols_list"
    for n in "${rebalance_arr[@]}"; do
        is_uint "$n" && ((n < rebalance_partitions)) || die_usage "--rebalance: member counts below $rebalance_partitions, not: $n"
    done
    for g in "${group_protocols_arr[@]}"; do [[ "$g" == classic || "$g" == consumer ]] || die_usage "--group-protocols: classic or consumer, not: $g"; done
    is_uint "$rounds" || die_usage "--rounds must be a positive integer: $rounds"
    cat <<EOF
### Kafka group rebalance run $(date -u '+%Y-%m-%d %H:%M UTC')

- Machine: $(nproc) cores ($cpu_model), $mem_gib GiB, $os_name, Linux $(uname -r)
- JVM: $jvm
- Gateway: commit $commit$dirty, as in the protocol runs (\`--kafka.groups.initialRebalanceDelayMs=0\`); Apache Kafka $kafka_version: one KRaft node, \`group.initial.rebalance.delay.ms=0\` as its shipped config
- Clients: io.shardgate.bench.RebalanceBenchmark (kafka-clients $kafka_version, the client's default group settings apart from \`group.protocol\`), one JVM with every member on its own thread, \`${CLIENT_JAVA_OPTS:--Xmx512M}\`
- Workload: a topic of $rebalance_partitions partitions; per round a new group: N members subscribe at once (join), then one more (add one); $rounds rounds; times are medians (max in brackets)
- Command: \`bench/kafka-bench.sh --rebalance $rebalance_list --group-protocols $group_protocols_list --rebalance-partitions $rebalance_partitions --rounds $rounds --servers $servers_list\`

| members | group.protocol | server | join ms | add one ms |
|---:|---|---|---:|---:|
EOF
    declare -A r_join r_add
    for server in "${servers_arr[@]}"; do
        dir="$work/$server-rebalance"
        mkdir -p "$dir"
        if [[ "$server" == gateway ]]; then start_gateway "$dir"; else start_kafka "$dir"; fi
        bootstrap="127.0.0.1:$kafka_port"
        log "$server up (pid $server_pid, $bootstrap)"
        for g in "${group_protocols_arr[@]}"; do
            for n in "${rebalance_arr[@]}"; do
                log "  $server: $n member(s), group.protocol=$g"
                if run_tool 1800 "rebalance-$g-$n" io.shardgate.bench.RebalanceBenchmark --bootstrap-server "$bootstrap" \
                    --members "$n" --protocol "$g" --partitions "$rebalance_partitions" --rounds "$rounds"; then
                    summary="$(grep '^members=' "$dir/rebalance-$g-$n.out" | tail -n 1)"
                    jm="$(sed -E 's/.*join_ms_median=([0-9]+).*/\1/' <<<"$summary")"
                    jx="$(sed -E 's/.*join_ms_max=([0-9]+).*/\1/' <<<"$summary")"
                    am="$(sed -E 's/.*add_one_ms_median=([0-9]+).*/\1/' <<<"$summary")"
                    ax="$(sed -E 's/.*add_one_ms_max=([0-9]+).*/\1/' <<<"$summary")"
                    r_join["$server-$g-$n"]="$jm"
                    r_add["$server-$g-$n"]="$am"
                    printf '| %s | %s | %s | %s (%s) | %s (%s) |\n' "$n" "$g" "$server" \
                        "$(fmt_int "$jm")" "$(fmt_int "$jx")" "$(fmt_int "$am")" "$(fmt_int "$ax")"
                else
                    failures=$((failures + 1))
                    printf '| %s | %s | %s | failed: %s | |\n' "$n" "$g" "$server" \
                        "$(first_error "$dir/rebalance-$g-$n.out" "$dir/rebalance-$g-$n.err")"
                fi
            done
        done
        stop_server
    done
    for g in "${group_protocols_arr[@]}"; do
        for n in "${rebalance_arr[@]}"; do
            if [[ -n "${r_join[gateway-$g-$n]+x}" && -n "${r_join[kafka-$g-$n]+x}" ]]; then
                printf '| %s | %s | gateway / Kafka | %s | %s |\n' "$n" "$g" \
                    "$(ratio "${r_join[gateway-$g-$n]}" "${r_join[kafka-$g-$n]}" lower 1)" \
                    "$(ratio "${r_add[gateway-$g-$n]}" "${r_add[kafka-$g-$n]}" lower 1)"
            fi
        done
    done
    ((failures == 0)) || exit 1
    exit 0
fi

for parts in "${partitions_arr[@]}"; do
    for profile in "${profiles_arr[@]}"; do
        r_prod=() r_cpu_prod=() r_perf=() r_cpu_perf=() r_asg=() r_cpu_asg=()
        for server in "${servers_arr[@]}"; do
            run_row "$server" "$parts" "$profile"
        done
        if [[ -n "${r_prod[gateway]+x}" && -n "${r_prod[kafka]+x}" ]]; then
            printf '| %s | %s | gateway / Kafka | %s | | | | %s | %s | %s | %s | %s | | targets: rec/s ≥ 1, CPU ≤ 0.5 | |\n' \
                "$parts" "$profile" \
                "$(ratio "${r_prod[gateway]}" "${r_prod[kafka]}" higher 1)" \
                "$(ratio "${r_cpu_prod[gateway]}" "${r_cpu_prod[kafka]}" lower 0.5)" \
                "$(ratio "${r_perf[gateway]}" "${r_perf[kafka]}" higher 1)" \
                "$(ratio "${r_cpu_perf[gateway]}" "${r_cpu_perf[kafka]}" lower 0.5)" \
                "$(ratio "${r_asg[gateway]}" "${r_asg[kafka]}" higher 1)" \
                "$(ratio "${r_cpu_asg[gateway]}" "${r_cpu_asg[kafka]}" lower 0.5)"
        fi
    done
done

echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((failures > 0)); then
    log "$failures row(s) failed; logs kept in $work"
    exit 1
fi
