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

# fish_install_options PREFIX: the cmake -D options that put the fish files where this machine's
# fish reads them with $XDG_DATA_DIRS unset (a console or ssh login): below PREFIX when fish reads
# there (/usr, ~/.local), else its own /etc/fish folders (Debian's fish skips /usr/local/share).
fish_install_options() {
  local prefix=${1%/} conf=share/fish/vendor_conf.d completions=share/fish/vendor_completions.d empty read
  if command -v fish >/dev/null 2>&1; then
    # An empty config folder, so that the user's config.fish is not run; HOME stays as it is.
    empty=$(mktemp -d)
    # shellcheck disable=SC2016  # fish expands these
    read=$(env -u XDG_DATA_DIRS XDG_CONFIG_HOME="$empty" fish -c \
      'printf "%s\n" $__fish_vendor_confdirs; printf "sysconf=%s\n" $__fish_sysconf_dir')
    rm -rf "$empty"
    if ! grep -qxF "$prefix/$conf" <<<"$read"; then
      conf=$(sed -n 's/^sysconf=//p' <<<"$read")/conf.d
      completions=${conf%/conf.d}/completions
    fi
  fi
  printf '%s\n' "-DTRIPLYDB_FISH_CONF_DIR=$conf" "-DTRIPLYDB_FISH_COMPLETIONS_DIR=$completions"
}
