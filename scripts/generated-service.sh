# Sourced by the scripts that run a generated service (docs-in-browser.sh, parity.sh,
# stress.sh): the steps they share. Expects $root, the repository root.

# Installs Debian's package PACKAGE when COMMAND is not on the PATH.
#   install_if_absent COMMAND PACKAGE
install_if_absent() {
  command -v "$1" > /dev/null && return
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" > /dev/null
}

# Generates SPEC into the workspace folder DIR (replacing it), with crate name NAME and
# any further options of `specforge generate`.
#   generate_workspace SPEC DIR NAME [OPTION...]
generate_workspace() {
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
  rm -rf "$2"
  "$root/target/release/specforge" generate "$1" --out "$2" --name "$3" "${@:4}" > /dev/null
}

# Builds the workspace DIR with the settings of every generated build; the service's
# binary is then "$CARGO_TARGET_DIR/debug/NAME".
#   build_workspace DIR
build_workspace() {
  source "$root/scripts/generated-build-env.sh"
  (cd "$1" && cargo build --quiet)
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
