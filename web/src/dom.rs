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

pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

pub fn prefers_dark() -> bool {
    window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Call `f` whenever the address bar's fragment changes (a share link pasted into an open tab).
/// The listener lives as long as the page.
pub fn on_hashchange(f: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// Resolves in a later task (`setTimeout(0)`): long work on the page is cut into tasks with this,
/// so that no task blocks input for long.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback(&resolve);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
