//! The browser side: hydrates the server-rendered pages.
use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the generated loader once the WASM has arrived.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate();
}
