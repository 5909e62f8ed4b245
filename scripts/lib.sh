# Shared by the launchers: find a JDK 21+, build the jars when missing or stale.
# Sourced, not run. Sets ROOT (the repository) and JAVA_HOME/JAVA.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR="${XDG_STATE_HOME:-$HOME/.local/state}/chat"
CHATD_JAR="$ROOT/daemon/target/chatd.jar"
CHAT_JAR="$ROOT/tui-client/target/chat.jar"
# The daemon's JVM flags wherever a launcher starts it (the service unit says the same; the
# measurements behind them are in docs/performance.md): the serial collector with a 32 MiB young
# generation and a heap that gives back what a join storm made it take (RSS at 5,000 clients 341
# MiB against 380 with G1 and 452 with ZGC, same run); 512 MiB at most, above the 256 MiB budget for
# undelivered frames. An OutOfMemoryError ends the process with a non-zero status instead of leaving
# a daemon whose accept or UDP thread died and that serves nothing.
CHATD_JVM_FLAGS=(-XX:+UseSerialGC -Xms32m -Xmx512m -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:+ExitOnOutOfMemoryError)
# The client's JVM flags (set by chat_jvm_flags once the JDK is known): see there.
CHAT_JVM_FLAGS=()
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/chat"

die() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
    exit 1
}

# The feature release of the JDK at $1 (21, 25...), or nothing if it is not a full JDK.
jdk_release() {
    local home=$1 version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -f "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}          # 1.8.0 -> 8
    printf '%s\n' "${version%%[.+-]*}"
}

# JAVA_HOME if it is a JDK 21+, else the newest JDK 21+ under /usr/lib/jvm, else stop.
find_jdk() {
    local release best="" best_release=0 dir
    if [ -n "${JAVA_HOME:-}" ]; then
        release=$(jdk_release "$JAVA_HOME")
        if [ -n "$release" ] && [ "$release" -ge 21 ]; then
            JAVA="$JAVA_HOME/bin/java"
            export JAVA_HOME
            return
        fi
    fi
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [ -L "$dir" ] && continue
        release=$(jdk_release "$dir")
        if [ -n "$release" ] && [ "$release" -ge 21 ] && [ "$release" -gt "$best_release" ]; then
            best=$dir
            best_release=$release
        fi
    done
    [ -n "$best" ] || die "no JDK 21 or newer found (JAVA_HOME is ${JAVA_HOME:-unset}, nothing in /usr/lib/jvm).
Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or point JAVA_HOME at it."
    export JAVA_HOME=$best
    JAVA="$JAVA_HOME/bin/java"
}

# Sets CHAT_JVM_FLAGS for $JAVA: on JDK 19+ a class-data archive (AppCDS) of the client's own
# classes and libraries, written by the JVM when the first run exits and mapped by every later run,
# so the classes of the first screen are not read, parsed and verified again (scripts/bench-client,
# docs/performance.md "Client"). The JVM checks the archive against chat.jar and itself and writes
# a fresh one when either changed; one per JDK release, under $CACHE_DIR. Without a usable cache
# folder the client just starts without it.
chat_jvm_flags() {
    local release
    release=$(jdk_release "$JAVA_HOME")
    CHAT_JVM_FLAGS=()
    if [ -n "$release" ] && [ "$release" -ge 19 ] && mkdir -p "$CACHE_DIR" 2>/dev/null && [ -w "$CACHE_DIR" ]; then
        CHAT_JVM_FLAGS=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$CACHE_DIR/chat-jdk$release.jsa")
    fi
}

# Maven on JDK 24+ warns about sun.misc.Unsafe in its own libraries; that noise is not ours.
maven() {
    command -v mvn >/dev/null || die "Maven is needed to build: apt-get install maven"
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -Dstyle.color=never "$@"
}

# True when a jar is missing or older than any source or build file.
stale() {
    local jar
    for jar in "$CHATD_JAR" "$CHAT_JAR"; do
        [ -f "$jar" ] || return 0
        if [ -n "$(find "$ROOT/pom.xml" "$ROOT"/wire "$ROOT"/daemon "$ROOT"/client "$ROOT"/tui-client \
                -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
                -type f -newer "$jar" -print -quit)" ]; then
            return 0
        fi
    done
    return 1
}

# build_jars WHAT MAVEN_ARGS...: 'mvn package' with one line per module as Maven starts it, so a
# first build (a minute, dependencies downloaded) is never a silent wait. The full output goes to
# $STATE_DIR/build.log; on failure the lines that say why are shown, and where the rest is.
build_jars() {
    local what=$1 log="$STATE_DIR/build.log" started=$SECONDS status
    shift
    mkdir -p "$STATE_DIR"
    echo "building $what (the first build downloads dependencies and takes a minute; log: $log)" >&2
    set +e
    (cd "$ROOT" && maven -B -DskipTests "$@" package) 2>&1 | tee "$log" | build_progress "$started" >&2
    status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        printf '%s: building %s failed; what Maven said:\n' "$(basename "$0")" "$what" >&2
        build_errors "$log" >&2
        die "the full build log is $log"
    fi
    echo "  built in $((SECONDS - started)) s" >&2
}

# Reads Maven's output; prints "  [2/5] wire (3 s)" as each module starts, and one line the first
# time dependencies are downloaded.
build_progress() {
    local started=$1 line module="" downloading=""
    while IFS= read -r line; do
        case $line in
            "[INFO] "-*"< "*" >"-*)
                module=${line#*< }; module=${module%% >*}; module=${module#*:} ;;
            "[INFO] Building "*"["*/*"]")
                local step=${line##*[}
                printf '  [%s %s (%d s)\n' "$step" "$module" "$((SECONDS - started))" ;;
            *"Downloading from "*|*"Downloaded from "*)
                if [ -z "$downloading" ]; then
                    downloading=1
                    printf '  downloading dependencies from Maven Central (%d s)\n' "$((SECONDS - started))"
                fi ;;
        esac
    done
}

# The lines of a failed build's log that say why: compiler and plugin errors, without Maven's
# generic advice that follows them.
build_errors() {
    grep -E '^\[ERROR\]' "$1" | grep -vE '^\[ERROR\] *$|-> \[Help|Re-run Maven|full stack trace|debug logging|For more information|^\[ERROR\] \[Help|After correcting|mvn <args> -rf|See dump files' \
        | head -n 15 | sed 's/^/  /'
}

# Builds the runnable jars (chatd.jar, chat.jar) when stale; a lock keeps two launchers from
# building at once. Only the modules the two programs need: bench is built by the bench scripts.
ensure_built() {
    stale || return 0
    mkdir -p "$STATE_DIR"
    (
        flock 9
        if stale; then
            build_jars "chatd and chat" -pl daemon,tui-client -am
        fi
    ) 9>"$STATE_DIR/build.lock" || exit 1
}
