# Shared by .ci/install, .ci/test and .ci/run: root or sudo, and Debian packages installed once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PACKAGE...: installs those that are missing; `apt-get update` only when needed. Waits
# up to 5 minutes for another apt to finish instead of failing.
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing ${missing[*]}" >&2
  as_root apt-get -o DPkg::Lock::Timeout=300 update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
}

# shellcheck disable=SC2034  # used by .ci/install and .ci/test, which source this file
build_packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev libcxxopts-dev nlohmann-json3-dev libcurl4-openssl-dev libsecret-1-dev catch2 python3)
