#!/usr/bin/env bash
# Builds the bench module (and the modules it needs) and runs the storage benchmark, io.shardgate.bench.StoreBench.
# Arguments go to the benchmark: bench/store-bench.sh --help lists them, e.g.
#   bench/store-bench.sh --seconds 2 --durability os --batch 16k
# Environment: JAVA_OPTS (default "-Xms1g -Xmx2g") is passed to java; BENCH_SKIP_BUILD=1 skips the Maven build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    # copy-dependencies (bench/pom.xml) puts the runtime class path into bench/target/lib.
    mvn -B -q -Dstyle.color=never package -pl bench -am -DskipTests >&2
fi

jar="$(ls bench/target/shardgate-bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
if [[ -z "$jar" || ! -d bench/target/lib ]]; then
    echo "store-bench.sh: bench/target has no jar or lib/; run without BENCH_SKIP_BUILD=1" >&2
    exit 1
fi

# lmdbjava reaches into NIO internals on JDK 9+.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms1g -Xmx2g} \
    --add-opens java.base/java.nio=ALL-UNNAMED \
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar:bench/target/lib/*" \
    io.shardgate.bench.StoreBench "$@"
