# Shared by scripts/bench-*: builds bench.jar, installs Debian packages when missing, starts and
# stops processes by pid, reads /proc. Sourced after lib.sh, not run.

BENCH_JAR="$ROOT/bench/target/bench.jar"
APT_UPDATED=""

# Builds chatd.jar, chat.jar and bench.jar when any is missing or older than the sources.
ensure_bench_built() {
    if [ ! -f "$BENCH_JAR" ] || stale || [ -n "$(find "$ROOT/bench" -path '*/target' -prune -o \
            \( -name '*.java' -o -name 'pom.xml' \) -type f -newer "$BENCH_JAR" -print -quit)" ]; then
        build_jars "chatd, chat and bench jars"
    fi
}

# apt_need CMD PACKAGE...: installs the packages when CMD is not found (apt-get update once first).
apt_need() {
    local cmd=$1
    shift
    command -v "$cmd" >/dev/null 2>&1 && return 0
    [ "$(id -u)" -eq 0 ] || die "$cmd is missing; run as root so that apt-get can install: $*"
    if [ -z "$APT_UPDATED" ]; then
        echo "apt-get update..." >&2
        apt-get update -q >&2 || die "apt-get update failed"
        APT_UPDATED=1
    fi
    echo "apt-get install $*..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2 \
        || die "apt-get install $* failed"
}

# A free TCP port on loopback (the kernel picks it; a tiny race with other programs is accepted).
free_port() {
    "$JAVA" -cp "$BENCH_JAR" dev.chat.bench.FreePort
}

# wait_port HOST PORT SECONDS [NETNS]: true once something accepts on HOST:PORT.
wait_port() {
    local host=$1 port=$2 seconds=$3 ns=${4:-} i
    for ((i = 0; i < seconds * 10; i++)); do
        if [ -n "$ns" ]; then
            ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null && return 0
        else
            (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
        fi
        sleep 0.1
    done
    return 1
}

# stop_pid PID: TERM, up to 10 s, then KILL; only the pid given.
stop_pid() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# cpu_seconds PID: user+system CPU seconds of a running process (USER_HZ = 100).
cpu_seconds() {
    awk '{ sub(/.*\) /, ""); printf "%.2f\n", ($12 + $13) / 100 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# The machine, for the report.
machine_json() {
    local cpu kernel mem
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    kernel=$(uname -r)
    mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    printf '{"date":"%s","cpu":"%s","cores":%s,"memory":"%s","kernel":"%s","java":"%s"}\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$cpu" "$(nproc)" "$mem" "$kernel" \
        "$("$JAVA" -version 2>&1 | head -n 1 | sed 's/"/\\"/g')"
}
