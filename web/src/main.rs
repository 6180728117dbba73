//! everynode playground: a Yew (client-side rendered) app that runs `everynode-core` directly
//! in the browser. Nothing leaves the page: no server, no network requests after load.
//!
//! `scripts/build-web.sh` builds it for wasm32 and writes the static site to `dist/www/`.
//! On the host the crate compiles (for `cargo test --workspace`) and its pure modules are
//! unit-tested; only `main` is browser-only.

// On the host only the pure modules are exercised (unit tests); the UI is reachable from `main`
// on wasm32 alone.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod app;
mod components;
mod dom;
mod engine;
mod eval;
mod i18n;
mod markdown;
mod presets;
mod share;
mod state;
mod textpos;
mod worker;

/// Runs when the module is instantiated: on the page it starts the app; in the evaluation
/// worker (no window) it does nothing, and `www/worker.js` calls `worker::everynode_worker`.
fn main() {
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        yew::Renderer::<app::App>::new().render();
    }
}
