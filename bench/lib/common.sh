#!/usr/bin/env bash
# Shared by bench/kafka-bench.sh and bench/kinesis-bench.sh (sourced, not run): process control, ports, /proc readings
# and number formatting. The caller defines log, and the variables work, keep, server_pid, client_pid and java_bin.

die_usage() { # a bad command line: the reason, a pointer to --help, exit status 2
    echo "$(basename "$0"): $*" >&2
    echo "Run bench/$(basename "$0") --help for the options." >&2
    exit 2
}

need_value() { [[ $# -ge 2 && -n "$2" ]] || die_usage "$1 needs a value"; }

is_uint() { [[ "$1" =~ ^[1-9][0-9]*$ ]]; }

alive() { # the process exists and is not a zombie (an exited child this shell has not reaped yet)
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [[ "${stat:0:1}" != Z ]]
}

stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
    local pid="$1" wait_s="${2:-20}" i
    [[ -n "$pid" ]] && alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait_s * 10; i++)); do
        alive "$pid" || break
        sleep 0.1
    done
    if alive "$pid"; then
        log "process $pid did not stop within ${wait_s}s after SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$client_pid" 5
    stop_pid "$server_pid" 20
    if [[ "$keep" == 1 ]]; then
        log "kept $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}

# Runs a client JVM in the background (so that signals reach the traps at once) and waits for it, with a time limit.
# Usage: run_client SECONDS OUT ERR java args...; returns the command's exit status (124 on time-out).
run_client() {
    local limit="$1" out="$2" err="$3" rc=0
    shift 3
    timeout -k 10 "$limit" "$@" >"$out" 2>"$err" &
    client_pid=$!
    wait "$client_pid" || rc=$?
    client_pid=""
    return "$rc"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

next_free_port() { # first port >= $1 that nothing listens on
    local p="$1"
    while port_open "$p"; do p=$((p + 1)); done
    echo "$p"
}

peak_rss_mib() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

# Environment header.
heap_settings() { # JVM options -> "max heap X MiB, initial Y MiB, GC"
    # shellcheck disable=SC2086
    "$java_bin" $1 -XX:+PrintFlagsFinal -version 2>/dev/null | awk '
        $2 == "MaxHeapSize" { max = $4 } $2 == "InitialHeapSize" { init = $4 }
        $2 ~ /^Use(G1|Parallel|Serial|Z|Shenandoah|Epsilon)GC$/ && $4 == "true" { gc = substr($2, 4) }
        END { printf "max heap %d MiB, initial %d MiB, %s", max / 1048576, init / 1048576, gc }'
}

thousands() { # 2000000 -> 2,000,000
    local n="$1" out=""
    while ((${#n} > 3)); do
        out=",${n: -3}$out"
        n="${n:0:${#n}-3}"
    done
    echo "$n$out"
}

fmt_int() { if [[ -z "$1" ]]; then echo "-"; else thousands "$(awk -v v="$1" 'BEGIN { printf "%d", v + 0.5 }')"; fi; }

fmt_dec() { awk -v v="$1" -v d="${2:-2}" 'BEGIN { if (v == "") print "-"; else printf "%.*f", d, v }'; }

clk_tck="$(getconf CLK_TCK)"

# Stops the server and any client on exit and keeps or removes the work directory (--keep).
install_traps() {
    trap cleanup EXIT
    trap 'log "interrupted"; exit 130' INT
    trap 'log "terminated"; exit 143' TERM
}
