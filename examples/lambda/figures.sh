#!/usr/bin/env bash
# The README's Lambda figures: runs io.resequel.examples.lambda.LambdaFigures in 5 fresh JVMs per database and prints
# the medians (ms) of cold init (JVM start to first response), first invocation after a thaw and after a restore.
# Usage (from the repository root): examples/lambda/figures.sh [postgres-url]   (default r2dbc:postgresql://postgres@127.0.0.1:5432/test)
set -euo pipefail
cd "$(dirname "$0")/../.."
pg="${1:-r2dbc:postgresql://postgres@127.0.0.1:5432/test}"
# one invocation, so that the reactor's own modules resolve to their freshly packaged jars (the last module written,
# examples, leaves its class path in the file)
mvn -B -o -q package dependency:build-classpath -pl examples -am -DskipTests -Dmaven.javadoc.skip=true \
  -Dmdep.outputFile=/tmp/resequel-lambda-figures.cp
cp="examples/target/classes:$(cat /tmp/resequel-lambda-figures.cp)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for db in h2 postgres; do
  url="r2dbc:h2:mem:///figures?options=DB_CLOSE_DELAY=-1"
  [ "$db" = postgres ] && url="$pg"
  out=$(for i in 1 2 3 4 5; do java -cp "$cp" io.resequel.examples.lambda.LambdaFigures "$url" | grep '^cold='; done)
  echo "$db: cold $(echo "$out" | sed 's/.*cold=\([0-9]*\).*/\1/' | median) ms," \
    "after thaw $(echo "$out" | sed 's/.*thaw=\([0-9]*\).*/\1/' | median) ms," \
    "after restore $(echo "$out" | sed 's/.*restore=\([0-9]*\).*/\1/' | median) ms"
done
