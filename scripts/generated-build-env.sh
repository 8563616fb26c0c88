# Sourced by the scripts that build generated workspaces (tests/support/workspace.rs sets
# the same for the end-to-end tests, so all of them share compiled dependencies):
# one target folder, so dependencies compile once; no incremental caches and no debug
# info, which over the real-world run would otherwise fill some 20 GB of disk.
# Expects $root, the repository root.
export CARGO_TARGET_DIR="$root/target/tmp/e2e-target"
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG=0
