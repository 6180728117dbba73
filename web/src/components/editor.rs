//! A monospace `<textarea>` with a line-number gutter and diagnostic marks (gutter dots and
//! squiggles at line/column, UTF-16 columns). Lines never wrap, so a position is simply
//! `(line - 1) * LINE_PX` down and `column - 1` character widths across.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::textpos;

/// Line height in CSS pixels; style.css uses the same value (`--line`).
pub const LINE_PX: f64 = 20.0;

/// One mark in the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub line: usize,
    /// 1-based UTF-16 column.
    pub col: usize,
    pub end_line: usize,
    pub end_col: usize,
    pub severity: &'static str,
    pub code: String,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    pub marks: Rc<Vec<Mark>>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let lines = textpos::line_count(&props.value);
    let gutter = use_memo(lines, |n| textpos::gutter_text(*n));
    let gutter_ref = use_node_ref();
    let marks_ref = use_node_ref();

    let onscroll = {
        let (g, m) = (gutter_ref.clone(), marks_ref.clone());
        Callback::from(move |e: Event| {
            let Some(ta) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
            let (top, left) = (ta.scroll_top(), ta.scroll_left());
            if let Some(el) = g.cast::<web_sys::HtmlElement>() {
                let _ = el.style().set_property("transform", &format!("translateY({}px)", -top));
            }
            if let Some(el) = m.cast::<web_sys::HtmlElement>() {
                let _ = el.style().set_property("transform", &format!("translate({}px, {}px)", -left, -top));
            }
        })
    };
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(ta) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                cb.emit(ta.value());
            }
        })
    };

    let gutter_marks = props.marks.iter().map(|m| {
        let style = format!("top: {}px", (m.line.saturating_sub(1) as f64) * LINE_PX);
        html! { <div class={classes!("gmark", m.severity)} {style} title={format!("{}: {}", m.code, m.message)} data-line={m.line.to_string()}></div> }
    });
    let squiggles = props.marks.iter().map(|m| {
        let width = if m.end_line == m.line && m.end_col > m.col { m.end_col - m.col } else { 2 };
        let style = format!(
            "top: {}px; left: calc({}ch + var(--pad)); width: {}ch",
            (m.line.saturating_sub(1) as f64) * LINE_PX,
            m.col.saturating_sub(1),
            width
        );
        html! {
            <div class={classes!("mark", m.severity)} {style} title={format!("{}: {}", m.code, m.message)}
                data-code={m.code.clone()} data-line={m.line.to_string()} data-col={m.col.to_string()}></div>
        }
    });
    let ta_id = format!("{}-text", props.id);
    html! {
        <section class="editor" id={props.id.clone()}>
            <header class="pane-head">
                <label for={ta_id.clone()}>{ props.label.clone() }</label>
                if let Some(n) = &props.note { <span class="note">{ n.clone() }</span> }
                <span class="count">{ format!("{lines} ln") }</span>
            </header>
            <div class="editor-body">
                <div class="gutter" aria-hidden="true">
                    <div class="gutter-inner" ref={gutter_ref}>
                        <pre>{ (*gutter).clone() }</pre>
                        { for gutter_marks }
                    </div>
                </div>
                <div class="text-wrap">
                    <div class="marks" aria-hidden="true"><div class="marks-inner" ref={marks_ref}>{ for squiggles }</div></div>
                    <textarea id={ta_id} value={props.value.clone()} {oninput} {onscroll} spellcheck="false" autocomplete="off"
                        autocapitalize="off" wrap="off" placeholder={props.placeholder.clone()} />
                </div>
            </div>
        </section>
    }
}
