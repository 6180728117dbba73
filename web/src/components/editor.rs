//! A monospace editor: a `<textarea>` with a line-number gutter and diagnostic marks (gutter dots
//! and squiggles at line/column, UTF-16 columns). Lines never wrap, so a position is simply
//! `(line - 1) * LINE_PX` down and `column - 1` character widths across.
//!
//! Small documents live whole in the textarea: typing, selection, IME and native undo are the
//! browser's own. A big one (a 33 MB `kubectl get nodes -o yaml`, a million lines) would freeze the
//! page if the textarea held it, so the textarea then holds only a window of lines around the
//! visible ones, inside a scroll area as tall as the whole document; the gutter and the marks are
//! drawn for the window alone (textpos::Lines maps lines to bytes). Pastes that would make the
//! document big never reach the textarea: they are spliced into the document directly. In a
//! windowed document, Ctrl+A selects the whole document for copy, cut, typing and paste.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::textpos::{self, Lines};

/// Line height in CSS pixels; style.css uses the same value (`--line`).
pub const LINE_PX: f64 = 20.0;
/// Top padding of the text in CSS pixels (style.css `--pad-y`).
const PAD_Y: f64 = 8.0;
/// Documents up to this size live whole in the textarea.
pub const WHOLE_BYTES: usize = 512 * 1024;
pub const WHOLE_LINES: usize = 8000;
/// Lines kept in the textarea on each side of the visible ones when windowed.
const MARGIN: usize = 200;

/// One mark in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub line: usize,
    /// 1-based UTF-16 column.
    pub col: usize,
    pub end_line: usize,
    pub end_col: usize,
    pub severity: String,
    pub code: String,
    pub message: String,
}

/// A request to show and select a byte range of the document (a problem or a node clicked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reveal {
    pub start: usize,
    pub end: usize,
    /// Bumped per request: the same range twice is revealed twice.
    pub seq: u64,
}

#[derive(Properties)]
pub struct EditorProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<AttrValue>,
    pub marks: Rc<Vec<Mark>>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    #[prop_or_default]
    pub reveal: Option<Reveal>,
    /// Bumped by the page when `value` is an edit to apply as the user's own (a fix): typed into the
    /// textarea with `insertText`, so that Ctrl+Z undoes it, and the changed text selected.
    #[prop_or_default]
    pub edit: u64,
}

/// The document is compared by identity first: a 33 MB text is not compared byte by byte on
/// every render of the page.
impl PartialEq for EditorProps {
    fn eq(&self, o: &EditorProps) -> bool {
        same_text(&self.value, &o.value)
            && self.id == o.id
            && self.label == o.label
            && self.oninput == o.oninput
            && Rc::ptr_eq(&self.marks, &o.marks)
            && self.placeholder == o.placeholder
            && self.note == o.note
            && self.reveal == o.reveal
            && self.edit == o.edit
    }
}

pub fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

/// What the editor knows between renders.
#[derive(Default)]
struct Model {
    /// The document the line index is for.
    doc: AttrValue,
    lines: Lines,
    /// The window: lines `first..last` (0-based) are in the textarea.
    first: usize,
    last: usize,
    /// The text the textarea holds (set by us or typed by the user).
    shown: String,
    /// Ctrl+A in a windowed document: the next edit or copy concerns the whole document.
    all: bool,
    /// A byte offset to put the caret at after the next render (a paste handled here).
    caret: Option<usize>,
    /// The reveal request last served.
    revealed: u64,
    /// A big paste being read into the document: percent done.
    reading: Option<u32>,
    /// The last `edit` served, and a document to apply as an edit after this render.
    edit: u64,
    edit_to: Option<AttrValue>,
}

impl Model {
    fn whole(&self) -> bool {
        self.first == 0 && self.last >= self.lines.count()
    }

    /// Byte range of the window in the document; the newline after its last line stays outside.
    fn range(&self) -> (usize, usize) {
        let a = self.lines.start(self.first);
        let b = if self.last >= self.lines.count() { self.doc.len() } else { self.lines.start(self.last).saturating_sub(1) };
        (a, b.max(a))
    }

    fn fits_whole(doc: &str, lines: &Lines) -> bool {
        doc.len() <= WHOLE_BYTES && lines.count() <= WHOLE_LINES
    }

    /// Take a new document from outside (preset, link, reload): index it, window its top.
    fn reset(&mut self, doc: AttrValue) {
        self.lines = Lines::of(&doc);
        self.first = 0;
        self.last = if Model::fits_whole(&doc, &self.lines) { self.lines.count() } else { self.lines.count().min(2 * MARGIN) };
        self.doc = doc;
        self.all = false;
    }

    /// Window lines around `line` (0-based) with `visible` lines on screen.
    fn window_at(&mut self, top: usize, visible: usize) {
        if Model::fits_whole(&self.doc, &self.lines) {
            self.first = 0;
            self.last = self.lines.count();
            return;
        }
        let n = self.lines.count();
        self.first = top.saturating_sub(MARGIN).min(n.saturating_sub(1));
        self.last = (top + visible + MARGIN).min(n).max(self.first + 1);
    }

    /// The window needs moving to show lines `top..top+visible`.
    fn needs_window(&self, top: usize, visible: usize) -> bool {
        if self.whole() {
            return false;
        }
        let n = self.lines.count();
        let lo_ok = self.first == 0 || top >= self.first + MARGIN / 4;
        let hi_ok = self.last >= n || top + visible + MARGIN / 4 <= self.last;
        !(lo_ok && hi_ok)
    }

    fn window_text(&self) -> &str {
        let (a, b) = self.range();
        self.doc.get(a..b).unwrap_or_default()
    }

    /// `splice`, taking the text: replacing the whole document copies it once, not twice.
    fn splice_owned(&mut self, a: usize, b: usize, text: String) -> AttrValue {
        if a == 0 && b >= self.doc.len() {
            let doc = AttrValue::from(text);
            self.lines = Lines::of(&doc);
            self.doc = doc.clone();
            return doc;
        }
        self.splice(a, b, &text)
    }

    /// Replace bytes `a..b` of the document with `text`; returns the new document.
    fn splice(&mut self, a: usize, b: usize, text: &str) -> AttrValue {
        let old = self.doc.as_str();
        let (a, b) = (floor_char(old, a), floor_char(old, b.max(a)));
        let mut s = String::with_capacity(old.len() - (b - a) + text.len());
        s.push_str(&old[..a]);
        s.push_str(text);
        s.push_str(&old[b..]);
        let doc = AttrValue::from(s);
        self.lines.splice(a, b, text, doc.len());
        self.doc = doc.clone();
        doc
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `\r\n` and lone `\r` as a textarea stores them (`\n`).
fn normalize_newlines(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() { text } else { text.replace("\r\n", "\n").replace('\r', "\n") }
}

/// Characters (UTF-16 units) read per task from a pasted JS string (about 15 ms each).
const READ_CHUNK: u32 = 2 << 20;

/// `DataTransfer.getData("text/plain")` as the JS string it is.
fn clipboard_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
    let get = js_sys::Reflect::get(data, &"getData".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    get.call1(data, &"text/plain".into()).ok()?.dyn_into::<js_sys::JsString>().ok()
}

/// A JS string into a Rust one, a chunk per task (never splitting a surrogate pair).
async fn read_in_tasks(text: &js_sys::JsString, mut progress: impl FnMut(u32)) -> String {
    let len = text.length();
    let mut out = String::with_capacity(len as usize);
    let mut i = 0;
    while i < len {
        let mut j = (i + READ_CHUNK).min(len);
        // 0xD800..0xDC00: a high surrogate ends the chunk; keep it with its pair.
        if j < len && (55296.0..56320.0).contains(&text.char_code_at(j - 1)) {
            j -= 1;
        }
        out.push_str(&String::from(text.slice(i, j)));
        i = j;
        if i < len {
            progress((u64::from(i) * 100 / u64::from(len)) as u32);
            crate::dom::next_task().await;
        }
    }
    out
}

fn textarea(r: &NodeRef) -> Option<web_sys::HtmlTextAreaElement> {
    r.cast::<web_sys::HtmlTextAreaElement>()
}

/// The textarea's selection as byte offsets in the document.
fn selection_bytes(m: &Model, ta: &web_sys::HtmlTextAreaElement) -> (usize, usize) {
    if m.all {
        return (0, m.doc.len());
    }
    let (a, _) = m.range();
    let shown = m.window_text();
    let s = ta.selection_start().ok().flatten().unwrap_or(0) as usize;
    let e = ta.selection_end().ok().flatten().unwrap_or(0) as usize;
    (a + textpos::byte_offset(shown, s), a + textpos::byte_offset(shown, e.max(s)))
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let model = use_mut_ref(Model::default);
    let update = use_force_update();
    let body_ref = use_node_ref();
    let ta_ref = use_node_ref();

    // A document from outside: index it and window its top.
    {
        let mut m = model.borrow_mut();
        if !same_text(&m.doc, &props.value) {
            let as_edit = props.edit != m.edit && m.whole() && props.value.len() <= WHOLE_BYTES;
            m.edit = props.edit;
            if as_edit {
                m.edit_to = Some(props.value.clone());
            } else {
                m.reset(props.value.clone());
            }
        }
    }

    // After every render: the textarea holds the window, the caret where a paste left it, a
    // requested range selected and scrolled to.
    {
        let (model, ta_ref, body_ref, reveal) = (model.clone(), ta_ref.clone(), body_ref.clone(), props.reveal);
        let update = update.clone();
        use_effect(move || {
            sync_textarea(&model, &ta_ref, &body_ref, reveal, &update);
        });
    }

    let oninput = {
        let (model, cb, update) = (model.clone(), props.oninput.clone(), update.clone());
        Callback::from(move |e: InputEvent| {
            let Some(ta) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
            let value = ta.value();
            let doc = {
                let mut m = model.borrow_mut();
                let (a, b) = if m.all { (0, m.doc.len()) } else { m.range() };
                let was_whole = m.whole();
                let doc = m.splice(a, b, &value);
                let n = m.lines.count();
                if m.all || was_whole {
                    m.first = 0;
                }
                // The window keeps its first line and grows or shrinks with the edit.
                m.last = if was_whole || m.all { n } else { (m.first + textpos::line_count(&value)).min(n) };
                m.all = false;
                m.shown = value;
                doc
            };
            cb.emit(doc);
            update.force_update();
        })
    };

    let onpaste = {
        let (model, cb, ta_ref, update) = (model.clone(), props.oninput.clone(), ta_ref.clone(), update.clone());
        Callback::from(move |e: Event| {
            let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(web_sys::ClipboardEvent::clipboard_data) else { return };
            // The text as a JS string: a 33 MB paste is not converted in this event's task.
            let Some(text) = clipboard_text(&data) else { return };
            let Some(ta) = textarea(&ta_ref) else { return };
            let (s, end) = {
                let m = model.borrow();
                let (s, end) = selection_bytes(&m, &ta);
                let big = m.doc.len() - (end - s) + text.length() as usize > WHOLE_BYTES;
                if m.whole() && !m.all && !big {
                    return; // the browser pastes (native undo kept)
                }
                (s, end)
            };
            e.prevent_default();
            model.borrow_mut().reading = Some(0);
            update.force_update();
            let (model, cb, update) = (model.clone(), cb.clone(), update.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = normalize_newlines(
                    read_in_tasks(&text, |pct| {
                        model.borrow_mut().reading = Some(pct);
                        update.force_update();
                    })
                    .await,
                );
                crate::dom::next_task().await;
                let doc = {
                    let mut m = model.borrow_mut();
                    m.reading = None;
                    let caret = s + text.len();
                    let doc = m.splice_owned(s, end, text);
                    m.all = false;
                    m.caret = Some(caret);
                    let line = m.lines.line_of(caret);
                    m.window_at(line, 40);
                    doc
                };
                // The page re-renders and sends the list to the worker in a task of its own.
                crate::dom::next_task().await;
                cb.emit(doc);
                update.force_update();
            });
        })
    };

    let onkeydown = {
        let (model, ta_ref) = (model.clone(), ta_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            let mut m = model.borrow_mut();
            if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("a") {
                m.all = !m.whole();
                return;
            }
            let edits = e.key().chars().count() == 1 || matches!(e.key().as_str(), "Backspace" | "Delete" | "Enter" | "Tab");
            let clipboard = (e.ctrl_key() || e.meta_key()) && matches!(e.key().to_ascii_lowercase().as_str(), "c" | "x" | "v");
            if m.all && !edits && !clipboard && !matches!(e.key().as_str(), "Control" | "Meta" | "Shift" | "Alt") {
                m.all = false;
            }
            // Keep the caret away from the window's edges, so that arrows and Backspace reach
            // the lines beyond them.
            if !m.whole()
                && !m.all
                && let Some(ta) = textarea(&ta_ref)
            {
                let (s, _) = selection_bytes(&m, &ta);
                let line = m.lines.line_of(s);
                let near = (line < m.first + 2 && m.first > 0) || (line + 2 >= m.last && m.last < m.lines.count());
                if near {
                    m.caret = Some(s);
                    m.window_at(line.saturating_sub(20), 40);
                    drop(m);
                    sync_now(&model, &ta_ref);
                }
            }
        })
    };

    let on_copy_or_cut = {
        let (model, cb, update) = (model.clone(), props.oninput.clone(), update.clone());
        Callback::from(move |e: Event| {
            let cut = e.type_() == "cut";
            let doc = {
                let mut m = model.borrow_mut();
                if !m.all {
                    return; // the browser copies the selection
                }
                let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(web_sys::ClipboardEvent::clipboard_data) else { return };
                if data.set_data("text/plain", &m.doc).is_err() {
                    return;
                }
                e.prevent_default();
                if !cut {
                    return;
                }
                m.all = false;
                m.caret = Some(0);
                let len = m.doc.len();
                let doc = m.splice(0, len, "");
                m.first = 0;
                m.last = m.lines.count();
                doc
            };
            cb.emit(doc);
            update.force_update();
        })
    };

    let onmousedown = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| model.borrow_mut().all = false)
    };

    let onscroll = {
        let (model, update, body_ref) = (model.clone(), update.clone(), body_ref.clone());
        Callback::from(move |_: Event| {
            let Some(body) = body_ref.cast::<web_sys::HtmlElement>() else { return };
            let top = (f64::from(body.scroll_top()) / LINE_PX) as usize;
            let visible = (f64::from(body.client_height()) / LINE_PX).ceil() as usize + 1;
            let mut m = model.borrow_mut();
            if m.needs_window(top, visible) && !m.all {
                m.window_at(top, visible);
                drop(m);
                update.force_update();
            }
        })
    };

    let m = model.borrow();
    let total = m.lines.count();
    let (first, last) = (m.first, m.last.min(total));
    let digits = total.to_string().len().max(2);
    let gutter = textpos::gutter_text(first + 1, last);
    let width_ch = m.window_text().lines().map(|l| l.encode_utf16().count()).max().unwrap_or(0) + 2;
    let in_window = |mk: &&Mark| mk.line > first && mk.line <= last;
    let top_px = |line: usize| PAD_Y + (line.saturating_sub(1) as f64) * LINE_PX;
    let gutter_marks = props.marks.iter().filter(in_window).map(|mk| {
        let style = format!("top: {}px", top_px(mk.line));
        html! { <div class={classes!("gmark", mk.severity.clone())} {style} title={format!("{}: {}", mk.code, mk.message)} data-line={mk.line.to_string()}></div> }
    });
    let squiggles = props.marks.iter().filter(in_window).map(|mk| {
        let width = if mk.end_line == mk.line && mk.end_col > mk.col { mk.end_col - mk.col } else { 2 };
        let style = format!("top: {}px; left: calc({}ch + var(--pad)); width: {}ch", top_px(mk.line), mk.col.saturating_sub(1), width);
        html! {
            <div class={classes!("mark", mk.severity.clone())} {style} title={format!("{}: {}", mk.code, mk.message)}
                data-code={mk.code.clone()} data-line={mk.line.to_string()} data-col={mk.col.to_string()}></div>
        }
    });
    let windowed = !m.whole();
    let canvas_style = format!("height: {}px", (total as f64) * LINE_PX + 2.0 * PAD_Y);
    let window_top = format!("top: {}px", (first as f64) * LINE_PX);
    let ta_style = format!(
        "top: {}px; height: {}px; width: max(100%, calc({width_ch}ch + 2 * var(--pad)))",
        (first as f64) * LINE_PX,
        ((last - first) as f64) * LINE_PX + 2.0 * PAD_Y
    );
    let ta_id = format!("{}-text", props.id);
    let size = if m.doc.len() >= 1 << 20 { format!(" · {:.1} MB", m.doc.len() as f64 / (1 << 20) as f64) } else { String::new() };
    html! {
        <section class="editor" id={props.id.clone()} data-windowed={windowed.to_string()} data-lines={total.to_string()}>
            <header class="pane-head">
                <label for={ta_id.clone()}>{ props.label.clone() }</label>
                if let Some(n) = &props.note { <span class="note">{ n.clone() }</span> }
                if let Some(pct) = m.reading {
                    <span class="reading" role="status"><progress max="100" value={pct.to_string()}></progress>{ format!(" {pct} %") }</span>
                }
                <span class="count">{ format!("{total} ln{size}") }</span>
            </header>
            <div class="editor-body" ref={body_ref} {onscroll}>
                <div class="editor-canvas" style={canvas_style}>
                    <div class="gutter" aria-hidden="true" style={format!("width: {}ch", digits + 2)}>
                        <pre class="gutter-lines" style={window_top.clone()}>{ gutter }</pre>
                        { for gutter_marks }
                    </div>
                    <div class="text-wrap">
                        <div class="marks" aria-hidden="true">{ for squiggles }</div>
                        <textarea id={ta_id} ref={ta_ref} style={ta_style} {oninput} {onpaste} {onkeydown} {onmousedown}
                            oncopy={on_copy_or_cut.clone()} oncut={on_copy_or_cut} spellcheck="false" autocomplete="off"
                            autocapitalize="off" wrap="off" placeholder={props.placeholder.clone()} />
                    </div>
                </div>
            </div>
        </section>
    }
}

/// Put the window's text into the textarea when it holds something else, keeping the caret.
fn sync_now(model: &Rc<RefCell<Model>>, ta_ref: &NodeRef) {
    let Some(ta) = textarea(ta_ref) else { return };
    let mut m = model.borrow_mut();
    let text = m.window_text().to_string();
    if m.shown != text || ta.value().len() != text.len() {
        ta.set_value(&text);
        m.shown = text;
    }
    if let Some(c) = m.caret.take() {
        let (a, b) = m.range();
        if (a..=b).contains(&c) {
            let off = textpos::utf16_offset(&m.shown, c - a) as u32;
            let _ = ta.set_selection_range(off, off);
        }
    }
}

/// Type `to` over the textarea's text as an edit of the user's own: select what differs and
/// `insertText` it (the input event updates the model). Falls back to replacing the text.
fn apply_as_edit(model: &Rc<RefCell<Model>>, ta: &web_sys::HtmlTextAreaElement, to: AttrValue) {
    let from = model.borrow().doc.clone();
    let (a, b) = (from.as_bytes(), to.as_bytes());
    let mut pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !from.is_char_boundary(pre) || !to.is_char_boundary(pre) {
        pre -= 1;
    }
    let max_suf = a.len().min(b.len()) - pre;
    let mut suf = a.iter().rev().zip(b.iter().rev()).take(max_suf).take_while(|(x, y)| x == y).count();
    while !from.is_char_boundary(a.len() - suf) || !to.is_char_boundary(b.len() - suf) {
        suf -= 1;
    }
    let insert = &to[pre..b.len() - suf];
    let (s16, e16) = (textpos::utf16_offset(&from, pre) as u32, textpos::utf16_offset(&from, a.len() - suf) as u32);
    let _ = ta.focus();
    let _ = ta.set_selection_range(s16, e16);
    let typed = ta.owner_document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()).is_some_and(|d| {
        if insert.is_empty() {
            d.exec_command("delete").unwrap_or(false)
        } else {
            d.exec_command_with_show_ui_and_value("insertText", false, insert).unwrap_or(false)
        }
    });
    if typed && ta.value() == to.as_str() {
        // Show what changed: the inserted text selected.
        let end = s16 + insert.encode_utf16().count() as u32;
        let _ = ta.set_selection_range(s16, end);
        return;
    }
    model.borrow_mut().reset(to);
}

fn sync_textarea(model: &Rc<RefCell<Model>>, ta_ref: &NodeRef, body_ref: &NodeRef, reveal: Option<Reveal>, update: &UseForceUpdateHandle) {
    let Some(ta) = textarea(ta_ref) else { return };
    let edit = model.borrow_mut().edit_to.take();
    if let Some(to) = edit {
        apply_as_edit(model, &ta, to);
    }
    let pending = {
        let mut m = model.borrow_mut();
        match reveal.filter(|r| r.seq != m.revealed) {
            Some(r) => {
                m.revealed = r.seq;
                let line = m.lines.line_of(r.start);
                let outside = line < m.first || line >= m.last;
                if outside {
                    m.window_at(line.saturating_sub(10), 40);
                }
                Some((r, line, outside))
            }
            None => None,
        }
    };
    if let Some((_, _, true)) = pending {
        // The window moved: render the gutter and marks for it first.
        update.force_update();
    }
    sync_now(model, ta_ref);
    let Some((r, line, _)) = pending else { return };
    let m = model.borrow();
    let (a, b) = m.range();
    let (s, e) = (r.start.clamp(a, b) - a, r.end.clamp(a, b) - a);
    let _ = ta.focus();
    let (s16, e16) = (textpos::utf16_offset(&m.shown, s) as u32, textpos::utf16_offset(&m.shown, e.max(s)) as u32);
    let _ = ta.set_selection_range(s16, e16);
    if let Some(body) = body_ref.cast::<web_sys::HtmlElement>() {
        let visible = f64::from(body.client_height());
        body.set_scroll_top(((line as f64) * LINE_PX - visible / 3.0).max(0.0) as i32);
    }
}
