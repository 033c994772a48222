#!/usr/bin/env bash
# The benchmark (bench/README.md): packages the four services and the bench module, then runs tsa.bench.Benchmarks,
# which starts the services on the real stores, measures and writes a Markdown table to bench/results/.
#   bench/run.sh            the issue's full figures (100,000 users, 30 s per concurrency level, ...)
#   bench/run.sh --quick    a short run (10,000 users, 5 s per level, ...)
#   bench/run.sh -Dtsa.bench.seconds-per-level=60 ...   any setting of tsa.bench.BenchConfig
# BENCH_MAVEN_FLAGS (e.g. -o) is passed to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
properties=()
for arg in "$@"; do
  case "$arg" in
    --quick) properties+=("-Dtsa.bench.quick=true") ;;
    -D*) properties+=("$arg") ;;
    *) echo "unknown argument: $arg (use --quick or -Dtsa.bench.<name>=<value>)" >&2; exit 2 ;;
  esac
done
if ! command -v wrk >/dev/null; then
  echo "[bench] wrk is not installed (apt-get install wrk): the portal figures come from the Java client only" >&2
fi
# shellcheck disable=SC2086
./mvnw -B -q ${BENCH_MAVEN_FLAGS:-} -pl bench -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -Xmx1g -Duser.timezone=UTC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dtsa.root="$PWD" "${properties[@]}" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" tsa.bench.Benchmarks
