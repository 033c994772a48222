#!/usr/bin/env bash
# Runs the whole TSA platform locally on its embedded defaults: builds the services, starts PostgreSQL, dynalite
# and the mail server on fixed loopback ports, then the four services. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "test-support/target/classes:$(cat test-support/target/classpath.txt)" tsa.testsupport.LocalSystem
