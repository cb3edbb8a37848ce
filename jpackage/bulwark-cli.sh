#!/bin/sh
# Bulwark's command-line launcher (Linux), linked as /usr/bin/bulwark: the JVM and options of bin/Bulwark (the
# jpackage launcher, lib/app/Bulwark.cfg; both come from the pom's installer.javaOptions) without that launcher's
# per-start package look-up: it runs `rpm -qf` and `dpkg -S` on its own path, twice, 0.1-0.4 s per start.
base=$(dirname "$(dirname "$(readlink -f "$0")")")
app=$base/lib/app
# A command (any argument) runs on the serial collector: a short-lived process with a small heap starts sooner
# without G1's worker threads and remembered sets (~10 ms of a 0.3 s scan). The GUI (no argument) keeps G1, whose
# periodic collections hand memory back while it idles. The AOT cache serves both (its heap objects are loaded
# instead of mapped under the serial collector).
gc=
[ $# -eq 0 ] || gc=-XX:+UseSerialGC
exec "$base/lib/runtime/bin/java" -Djpackage.app-version=@APP_VERSION@ @JAVA_OPTIONS@ $gc -Xlog:aot=off \
  -XX:AOTCache="$app/bulwark.aot" -cp "$app/bulwark.jar" @MAIN_CLASS@ "$@"
