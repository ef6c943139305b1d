#!/usr/bin/env bash
# Builds the language server's AppCDS archive: records the classes a short LSP session loads, then dumps a static
# archive for exactly this jar (the JVM ignores an archive once its jar changes, so the build remakes it each time).
# Usage: build-archive.sh LS_JAR ARCHIVE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$1
archive=$2
classes=$(mktemp)
trap 'rm -f "$classes"' EXIT
bash "$here/lsp-session.sh" | timeout 120 java -XX:DumpLoadedClassList="$classes" -jar "$jar" > /dev/null
java -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$archive" -cp "$jar" > /dev/null
