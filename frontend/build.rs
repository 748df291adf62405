//! Stops a cargo-leptos build of the WASM that lacks `--split`. Every page but the catalog is a
//! lazy route (app/src/lazy_routes.rs): without the split their calls stay imports from a
//! placeholder module that no browser can load, and no page would hydrate. Plain `cargo check`
//! and `clippy` runs (not started by cargo-leptos) are left alone.
use std::env;

fn main() {
    // Flags for the WASM do not reach a build script's own fingerprint: watch where they come from.
    for var in ["LEPTOS_OUTPUT_NAME", "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let by_cargo_leptos = env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    // cargo-leptos --split links with `--emit-relocs`, which the splitter needs.
    let split =
        env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| flags.contains("--emit-relocs"));
    if wasm && by_cargo_leptos && !split {
        panic!(
            "Tenantry's WASM is split into chunks: build with `cargo leptos build --split` \
             (also `serve --split`, `watch --split`, `end-to-end --split`; scripts/ pass it)"
        );
    }
}
