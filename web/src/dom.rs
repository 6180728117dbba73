//! Browser glue. Every call tolerates a missing window/API (host builds, locked-down browsers)
//! and never panics.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// False when the browser refused (quota, private mode).
pub fn storage_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// `location.hash` including the `#`, or empty.
pub fn location_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    let Some(loc) = window().map(|w| w.location()) else { return String::new() };
    let href = loc.href().unwrap_or_default();
    match href.find('#') {
        Some(i) => href[..i].to_string(),
        None => href,
    }
}

/// Drop the fragment from the address bar without navigating.
pub fn clear_hash() {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&page_url()));
    }
}

fn root_element() -> Option<web_sys::Element> {
    window()?.document()?.document_element()
}

pub fn set_root_attr(name: &str, value: &str) {
    if let Some(e) = root_element() {
        let _ = e.set_attribute(name, value);
    }
}

pub fn prefers_dark() -> bool {
    window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).is_some_and(|m| m.matches())
}

pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Select `start..end` (UTF-16 units) in a textarea and scroll `line` into view.
pub fn select_in_textarea(id: &str, start: u32, end: u32, line: usize, line_px: f64) {
    let Some(el) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else { return };
    let Ok(ta) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
    let _ = ta.focus();
    let _ = ta.set_selection_range(start, end);
    let visible = f64::from(ta.client_height());
    let top = (line.saturating_sub(1) as f64) * line_px;
    ta.set_scroll_top((top - visible / 3.0).max(0.0) as i32);
}

/// Copy text to the clipboard; `done(true)` on success.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    let clipboard = window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else {
        done(false);
        return;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else {
        done(false);
        return;
    };
    match write.call1(&clipboard, &JsValue::from_str(&text)).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
        Some(promise) => wasm_bindgen_futures::spawn_local(async move {
            done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        }),
        None => done(false),
    }
}
