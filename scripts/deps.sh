# Sourced by scripts/run, scripts/test and bench/compare: installs missing Debian packages.
# Only Debian's registry is used; apt-get update runs once, first, and only when something is missing.

SALVO_BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev
  libssl-dev openssl ca-certificates zlib1g-dev libtomlplusplus-dev libnghttp2-dev
  qt6-base-dev libqcustomplot-dev libqt6opengl6-dev libxkbcommon-dev libqt6svg6 qt6-svg-dev libgl-dev libglx-dev
  libgtest-dev
)
SALVO_GUI_PACKAGES=(xvfb xauth fonts-dejavu-core)
# Real servers that tests start themselves (nginx for every HTTP method, counted by its access log),
# a real browser that draws the HTML report (headless Chromium), and a real XML parser that reads
# the JUnit files back (xmllint), HTTP/2's reference server and client (nghttpd, h2load), a
# single-node Slurm that the scale-out test starts with its own config (slurmctld, slurmd, srun
# and MUNGE), GNU parallel for the parallel recipe, and PyYAML with the Kubernetes API's models to
# read the Kubernetes manifests.
SALVO_TEST_PACKAGES=(nginx chromium libxml2-utils nghttp2-server nghttp2-client
                     slurmctld slurmd slurm-client munge parallel python3-yaml python3-kubernetes)
SALVO_PACKAGING_PACKAGES=(dpkg-dev file lintian)
SALVO_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

salvo_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# salvo_install PKG... : installs the packages that dpkg does not report as installed.
salvo_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  salvo_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive salvo_without_service_starts \
    salvo_sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# salvo_without_service_starts COMMAND... : runs an install with the maintainer scripts' service
# starts denied, as Debian's container images do (a policy-rc.d that exits 101, honoured by
# invoke-rc.d and deb-systemd-invoke). Without systemd, whether invoke-rc.d starts munged, slurmd,
# nginx and friends for good depends on what `runlevel` answers; the tests start their own, on
# their own ports and sockets, and need none running. A policy-rc.d already in place is kept.
salvo_without_service_starts() {
  local policy=/usr/sbin/policy-rc.d
  if [ -e "$policy" ]; then "$@"; return; fi
  salvo_sudo sh -c "printf '#!/bin/sh\\nexit 101\\n' > $policy && chmod 755 $policy"
  local status=0
  "$@" || status=$?
  salvo_sudo rm -f "$policy"
  return "$status"
}

# Node and npm run the reference implementations the tests check against (npm's hdr-histogram-js).
# Any node with npm will do (this machine may have NodeSource's); Debian's when there is none.
salvo_install_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  salvo_install nodejs npm
}
