//! The worker side of the playground: evaluations run here, in a dedicated Web Worker that loads
//! the same wasm module as the page (`www/worker.js`), so that the page's main thread only edits
//! and renders. A 33 MB node list is parsed here while the page stays responsive.
//!
//! Protocol (plain JS objects; field names below, shared with `engine.rs`):
//! - page → worker: `{rev, ds, pods, settings, minor, podSecurity, nodesRev, nodes?, generate?}`.
//!   `nodes` (a Uint8Array of UTF-8, transferred) comes only when the worker's copy is older than
//!   `nodesRev`; `generate: n` asks for the built-in generated cluster of n nodes instead; `parts:
//!   true` says a big node list came before the request in `{type: "part", first, text}` messages.
//! - worker → page: `{type: "ready"}` once; `{type: "nodes", nodesRev, text}` after generating;
//!   `{type: "result", rev, json}` per request, `json` being `eval::Evaluated`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::eval;
use crate::presets;

pub const REV: &str = "rev";
pub const DS: &str = "ds";
pub const PODS: &str = "pods";
pub const SETTINGS: &str = "settings";
pub const MINOR: &str = "minor";
pub const POD_SECURITY: &str = "podSecurity";
pub const NODES_REV: &str = "nodesRev";
pub const NODES: &str = "nodes";
pub const GENERATE: &str = "generate";
pub const TYPE: &str = "type";
pub const JSON: &str = "json";
pub const TEXT: &str = "text";
pub const PARTS: &str = "parts";
pub const FIRST: &str = "first";

/// The node list the worker holds, and which page revision of it.
struct Cached {
    rev: f64,
    text: String,
    /// A big node list arriving in parts (`{type: "part", first, text}` messages before the request).
    incoming: Vec<u8>,
}

pub fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn set(o: &js_sys::Object, key: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(key), v);
}

fn string(o: &JsValue, key: &str) -> String {
    get(o, key).as_string().unwrap_or_default()
}

fn now_ms() -> f64 {
    let perf = get(&js_sys::global(), "performance");
    let now = get(&perf, "now").dyn_into::<js_sys::Function>().ok();
    now.and_then(|f| f.call0(&perf).ok()).and_then(|v| v.as_f64()).unwrap_or_else(js_sys::Date::now)
}

/// UTF-8 bytes from the page (lossy: the page only sends what a textarea held).
pub fn text_of(bytes: &js_sys::Uint8Array) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A Uint8Array copy of `text`, for transferring.
pub fn bytes_of(text: &str) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(text.as_bytes())
}

/// Entry point, called by `www/worker.js` after the module is instantiated in the worker.
#[wasm_bindgen]
pub fn everynode_worker() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let cache = Rc::new(RefCell::new(Cached { rev: -1.0, text: String::new(), incoming: Vec::new() }));
    let sc = scope.clone();
    let on = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| handle(&sc, &cache, &e.data()));
    scope.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    let ready = js_sys::Object::new();
    set(&ready, TYPE, &"ready".into());
    let _ = scope.post_message(&ready);
}

fn handle(scope: &web_sys::DedicatedWorkerGlobalScope, cache: &RefCell<Cached>, req: &JsValue) {
    if get(req, TYPE).as_string().as_deref() == Some("part") {
        let mut c = cache.borrow_mut();
        if get(req, FIRST).is_truthy() {
            c.incoming.clear();
        }
        if let Ok(bytes) = get(req, TEXT).dyn_into::<js_sys::Uint8Array>() {
            let at = c.incoming.len();
            c.incoming.resize(at + bytes.length() as usize, 0);
            bytes.copy_to(&mut c.incoming[at..]);
        }
        return;
    }
    let t0 = now_ms();
    let nodes_rev = get(req, NODES_REV).as_f64().unwrap_or(0.0);
    {
        let mut c = cache.borrow_mut();
        if let Some(n) = get(req, GENERATE).as_f64() {
            c.text = presets::generate_cluster((n as usize).min(presets::GENERATED_NODES * 4));
            c.rev = nodes_rev;
            let msg = js_sys::Object::new();
            set(&msg, TYPE, &"nodes".into());
            set(&msg, NODES_REV, &nodes_rev.into());
            let bytes = bytes_of(&c.text);
            set(&msg, TEXT, &bytes);
            let _ = scope.post_message_with_transfer(&msg, &js_sys::Array::of1(&bytes.buffer()));
        } else if let Ok(bytes) = get(req, NODES).dyn_into::<js_sys::Uint8Array>() {
            c.text = text_of(&bytes);
            c.rev = nodes_rev;
        } else if get(req, PARTS).is_truthy() {
            let bytes = std::mem::take(&mut c.incoming);
            c.text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            c.rev = nodes_rev;
        }
    }
    let c = cache.borrow();
    let minor = get(req, MINOR).as_f64().map_or(crate::state::DEFAULT_MINOR, |m| m as u32);
    let mut e = eval::evaluate(&string(req, DS), &c.text, &string(req, PODS), &string(req, SETTINGS), minor, &string(req, POD_SECURITY));
    e.rev = get(req, REV).as_f64().unwrap_or(0.0) as u64;
    e.ms = now_ms() - t0;
    let json = serde_json::to_string(&e).unwrap_or_default();
    let msg = js_sys::Object::new();
    set(&msg, TYPE, &"result".into());
    set(&msg, REV, &get(req, REV));
    set(&msg, JSON, &JsValue::from_str(&json));
    let _ = scope.post_message(&msg);
}
