#!/bin/sh
# Bulwark's command-line launcher (Linux), linked as /usr/bin/bulwark: the JVM and options of bin/Bulwark (the
# jpackage launcher, lib/app/Bulwark.cfg; both come from the pom's installer.javaOptions) without that launcher's
# per-start package look-up: it runs `rpm -qf` and `dpkg -S` on its own path, twice, 0.1-0.4 s per start.
base=$(dirname "$(dirname "$(readlink -f "$0")")")
app=$base/lib/app
exec "$base/lib/runtime/bin/java" -Djpackage.app-version=@APP_VERSION@ @JAVA_OPTIONS@ -Xlog:aot=off \
  -XX:AOTCache="$app/bulwark.aot" -cp "$app/bulwark.jar" @MAIN_CLASS@ "$@"
