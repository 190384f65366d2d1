#!/usr/bin/env bash
# Builds the installers with jlink + jpackage. Maven runs it (see pom.xml) after `package` has produced
# target/original-sse-monitor.jar and copied the dependencies into target/jpackage/{lib,jfx}:
#   mvn -B -Ppackage -DskipTests package        app-image and the native package for this system
#   mvn -B verify                               app-image only, then src/it checks it (AppImageIT)
# Usage: packaging/build.sh app-image|installer
# VERSION, VENDOR, DESCRIPTION and LICENSE come from the pom (set once there).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-app-image}
: "${VERSION:?set by Maven}" "${VENDOR:?set by Maven}" "${DESCRIPTION:?set by Maven}" "${LICENSE:?set by Maven}"
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
jlink=$java_home/bin/jlink
jpackage=$java_home/bin/jpackage
for tool in "$jlink" "$jpackage"; do
  [ -x "$tool" ] || { echo "packaging: $tool not found: a full JDK 17+ with jlink and jpackage is needed" >&2; exit 1; }
done
[ -d "$java_home/jmods" ] || { echo "packaging: $java_home/jmods is missing (Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }

work=target/jpackage
dist=target/dist
# JDK modules the app uses (jdeps --print-module-deps over the app and its libraries), plus jdk.crypto.ec for TLS
# with elliptic-curve ciphers, java.logging for OkHttp's platform logging, jdk.localedata for local time formats.
jdk_modules=java.base,java.desktop,java.logging,java.scripting,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.unsupported
jfx_modules=javafx.base,javafx.graphics,javafx.controls,javafx.fxml

rm -rf "$work/runtime" "$work/input" "$dist/sse-monitor"
mkdir -p "$work/input" "$dist"
cp target/original-sse-monitor.jar "$work/input/sse-monitor.jar"
cp "$work"/lib/*.jar "$work/input/"
# The class list for the class-data-sharing archive (see cds_archive below); it lands in lib/app.
cp packaging/cds/classes.lst "$work/input/sse-monitor.classlist"

"$jlink" --module-path "$java_home/jmods:$work/jfx" --add-modules "$jdk_modules,$jfx_modules" \
  --include-locales=en,de,fr,es,it,ja,ko,pt,zh --strip-debug --strip-native-commands --no-header-files --no-man-pages --compress=2 \
  --output "$work/runtime"

case "$(uname -s)" in
  Linux) icon=packaging/icons/sse-monitor.png ;;
  Darwin) icon=packaging/icons/sse-monitor.icns ;;
  *) icon=packaging/icons/sse-monitor.ico ;;
esac

common=(--name sse-monitor --app-version "$VERSION" --vendor "$VENDOR" --description "$DESCRIPTION"
        --copyright "Copyright $(date +%Y) $VENDOR, $LICENSE")
# On Linux the launcher also maps a class-data-sharing archive, lib/app/sse-monitor.jsa: the classes a launch loads
# (packaging/cds/classes.lst), parsed, verified and laid out once. The JVM only takes an archive dumped against the
# class path as it is at run time, absolute paths included, and ignores (silently) one that does not match or is
# missing, so the archive is dumped where the app runs: here for the app-image in target/dist, by postinst for the
# .deb in /opt/sse-monitor. jlink's own --generate-cds-archive would not help: a named archive replaces it.
cds_options=()
if [ "$(uname -s)" = Linux ]; then cds_options=(--java-options '-XX:SharedArchiveFile=$APPDIR/sse-monitor.jsa'); fi
# A desktop app gets a heap that fits a desktop (the JVM's default is a quarter of all memory); what a tab keeps is
# bounded by bytes within it.
"$jpackage" --type app-image "${common[@]}" --input "$work/input" --main-jar sse-monitor.jar \
  --main-class dev.ssemonitor.Launcher --runtime-image "$work/runtime" --icon "$icon" --dest "$dist" \
  --java-options -Xmx2g ${cds_options[@]+"${cds_options[@]}"}
cds_archive() { # dump the app-image's archive with its own launcher (same JVM, same class path); after the installer,
  # which must not carry it
  [ "$(uname -s)" = Linux ] || return 0
  local app; app=$(cd "$dist/sse-monitor/lib/app" && pwd)
  JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$app/sse-monitor.classlist" \
    "$dist/sse-monitor/bin/sse-monitor" > "$work/cds-dump.log" 2>&1 \
    || { echo "packaging: the class-data-sharing dump failed (see $work/cds-dump.log)" >&2; exit 1; }
}
echo "app-image: $dist/sse-monitor ($(du -sh "$dist/sse-monitor" | cut -f1); runtime $(du -sh "$work/runtime" | cut -f1))"

[ "$what" = installer ] || { cds_archive; exit 0; }

case "$(uname -s)" in
  Linux)
    # Debian's copyright file names the licence; the full text is in /usr/share/common-licenses on every system.
    resources="$work/resources"
    rm -rf "$resources"; mkdir -p "$resources"
    cp packaging/linux/sse-monitor.desktop packaging/linux/postinst packaging/linux/prerm "$resources/"
    cp packaging/icons/sse-monitor.png "$resources/sse-monitor.png"
    printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: sse-monitor\n\nFiles: *\nCopyright: %s %s\nLicense: %s\n See /usr/share/common-licenses/%s\n' \
      "$(date +%Y)" "$VENDOR" "$LICENSE" "$LICENSE" > "$resources/copyright"
    "$jpackage" --type deb "${common[@]}" --app-image "$dist/sse-monitor" --dest "$dist" --resource-dir "$resources" \
      --linux-package-name sse-monitor --linux-deb-maintainer "maintainers@sse-monitor.invalid" \
      --linux-menu-group "Development;Network" --linux-app-category devel --linux-shortcut \
      --linux-package-deps libgtk-3-0
    ;;
  Darwin)
    "$jpackage" --type dmg "${common[@]}" --app-image "$dist/sse-monitor" --dest "$dist" \
      --mac-package-name "SSE Monitor" --mac-package-identifier dev.ssemonitor
    ;;
  MINGW*|MSYS*|CYGWIN*)
    # Needs the WiX toolset on PATH.
    "$jpackage" --type msi "${common[@]}" --app-image "$dist/sse-monitor" --dest "$dist" \
      --win-menu --win-menu-group "SSE Monitor" --win-shortcut --win-dir-chooser --win-upgrade-uuid 5b0b3f3e-8f5e-4c55-9a36-3d2c4b1c7a10
    ;;
esac
cds_archive
ls -la "$dist"
