//! Rebuilds the service when a migration is added or changed: `sqlx::migrate!()` compiles
//! the migrations folder into the binary.
//!
//! specforge wrote this file once and will never overwrite it: it is yours.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
