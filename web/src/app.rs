//! The page: header (presets, version, share, language, theme), editors, results.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::editor::Editor;
use crate::components::results::Results;
use crate::dom;
use crate::engine::{Engine, Reply};
use crate::eval::{self, Pane};
use crate::i18n::{Lang, fill};
use crate::presets;
use crate::share;
use crate::state::{Action, MINORS, State, Status, Theme};

const KEY_STATE: &str = "everynode.playground.v1";
const KEY_LANG: &str = "everynode.lang";
const KEY_THEME: &str = "everynode.theme";
/// Autosave is skipped above this many bytes of input (localStorage quotas are ~5 MB per origin),
/// checked before anything is serialized.
pub const AUTOSAVE_CAP: usize = 512 * 1024;
/// Share links carry at most this many bytes of input (deflated on the main thread; longer links
/// are not shared in practice).
pub const SHARE_CAP: usize = 256 * 1024;
/// Inputs from this size on show a progress line while the worker parses them.
const BIG_INPUT: usize = 1 << 20;

fn initial() -> State {
    let lang = dom::storage_get(KEY_LANG).and_then(|l| Lang::parse(&l)).unwrap_or_default();
    let theme = match dom::storage_get(KEY_THEME).as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ if dom::prefers_dark() => Theme::Dark,
        _ => Theme::Light,
    };
    let mut state = State::new(lang, theme);
    let hash = dom::location_hash();
    let from_link = (hash.len() > 1).then(|| share::decode(&hash));
    let snapshot = match from_link {
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            state.status = Some(Status { text: fill(lang.texts().link_error, &[&e]), error: true });
            None
        }
        None => dom::storage_get(KEY_STATE).and_then(|j| serde_json::from_str::<share::Snapshot>(&j).ok()),
    };
    state.first_run = snapshot.is_none() && hash.len() <= 1;
    if let Some(s) = snapshot {
        state = state.reduce_into(Action::Load(s));
        state.rev = 0;
    }
    state
}

trait ReduceInto {
    fn reduce_into(self, a: Action) -> State;
}

impl ReduceInto for State {
    fn reduce_into(self, a: Action) -> State {
        (*Rc::new(self).reduce(a)).clone()
    }
}

fn autosave(state: &State) -> bool {
    if state.snapshot_bytes() > AUTOSAVE_CAP {
        dom::storage_remove(KEY_STATE);
        return false;
    }
    let json = serde_json::to_string(&state.snapshot()).unwrap_or_default();
    dom::storage_set(KEY_STATE, &json)
}

/// `#v1=…` link to the current state, unless the inputs are too big for one.
pub fn share_link(state: &State) -> Result<String, String> {
    let n = state.snapshot_bytes();
    if n > SHARE_CAP {
        return Err(fill(state.lang.texts().link_too_big, &[&megabytes(n), &megabytes(SHARE_CAP)]));
    }
    Ok(format!("{}#{}", dom::page_url(), share::encode(&state.snapshot())))
}

pub fn megabytes(n: usize) -> String {
    if n >= 1 << 20 { format!("{:.1} MB", n as f64 / f64::from(1 << 20)) } else { format!("{} KB", n.div_ceil(1024)) }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial);
    let t = state.lang.texts();

    {
        let lang = state.lang;
        use_effect_with(lang, move |l| {
            dom::set_root_attr("lang", l.code());
            dom::set_title(l.texts().page_title);
        });
    }
    {
        let theme = state.theme;
        use_effect_with(theme, move |th| dom::set_root_attr("data-theme", th.as_str()));
    }
    {
        // A share link pasted into the address bar of an open playground loads like a new page.
        let (d, lang) = (state.dispatcher(), state.lang);
        use_effect_with((), move |()| {
            dom::on_hashchange(move || {
                let hash = dom::location_hash();
                if hash.len() <= 1 {
                    return;
                }
                match share::decode(&hash) {
                    Ok(s) => d.dispatch(Action::Load(s)),
                    Err(e) => d.dispatch(Action::Status(Some(Status { text: fill(lang.texts().link_error, &[&e]), error: true }))),
                }
            });
        });
    }
    // Evaluation runs in the worker (engine.rs); every input change is submitted at once, and
    // the engine coalesces what arrives while it is busy.
    let engine = {
        let d = state.dispatcher();
        use_mut_ref(move || {
            Engine::new(Callback::from(move |r: Reply| match r {
                Reply::Result(e) => d.dispatch(Action::Evaluated(Rc::new(e))),
                Reply::Nodes { nodes_rev, text } => d.dispatch(Action::NodesText(nodes_rev, AttrValue::from(text))),
                Reply::Failed(why) => d.dispatch(Action::EngineError(why)),
            }))
        })
    };
    {
        let (engine, req) = (engine.clone(), state.request());
        use_effect_with(state.rev, move |_| engine.borrow().submit(req));
    }
    {
        // Once a result for the current inputs is in: autosave (small inputs only), and drop a
        // share link from the address bar once it has been read.
        let st = state.clone();
        let current = state.result.as_ref().filter(|r| r.rev == state.rev).map(|r| r.rev);
        use_effect_with(current, move |cur| {
            if cur.is_some() {
                if !autosave(&st) {
                    st.dispatch(Action::Status(Some(Status { text: st.lang.texts().autosave_skipped.into(), error: false })));
                }
                if !dom::location_hash().is_empty() {
                    dom::clear_hash();
                }
            }
        });
    }

    let d = state.dispatcher();
    let on_ds = d.to_callback().reform(Action::SetDs);
    let on_nodes = d.to_callback().reform(Action::SetNodes);
    let on_pods = d.to_callback().reform(Action::SetPods);
    let on_settings = d.to_callback().reform(Action::SetSettings);

    let on_pick_ds = d
        .to_callback()
        .reform(|e: Event| Action::PickDs(select_value(&e).and_then(|v| presets::daemonset(&v)).map_or(presets::DEFAULT_DS, |p| p.id)));
    let on_pick_cluster = d.to_callback().reform(|e: Event| {
        Action::PickCluster(select_value(&e).and_then(|v| presets::cluster(&v)).map_or(presets::DEFAULT_CLUSTER, |p| p.id))
    });
    let on_minor = d.to_callback().reform(|e: Event| {
        Action::SetMinor(
            select_value(&e).and_then(|v| v.strip_prefix("1.").and_then(|m| m.parse().ok())).unwrap_or(crate::state::DEFAULT_MINOR),
        )
    });
    let on_pod_security = d.to_callback().reform(|e: Event| Action::SetPodSecurity(select_value(&e).unwrap_or_default()));
    let on_lang = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let l = select_value(&e).and_then(|v| Lang::parse(&v)).unwrap_or_default();
            dom::storage_set(KEY_LANG, l.code());
            d.dispatch(Action::SetLang(l));
        })
    };
    let on_theme = {
        let (d, theme) = (d.clone(), state.theme);
        Callback::from(move |_| {
            let next = if theme == Theme::Dark { Theme::Light } else { Theme::Dark };
            dom::storage_set(KEY_THEME, next.as_str());
            d.dispatch(Action::ToggleTheme);
        })
    };
    let on_copy_link = {
        let st = state.clone();
        Callback::from(move |_| match share_link(&st) {
            Ok(link) => copy_with_status(&st, link, st.lang.texts().link_copied),
            Err(why) => st.dispatch(Action::Status(Some(Status { text: why, error: true }))),
        })
    };
    let on_copy_md = {
        let st = state.clone();
        Callback::from(move |_| {
            let md = crate::markdown::markdown(&st, share_link(&st).ok().as_deref());
            copy_with_status(&st, md, st.lang.texts().markdown_copied);
        })
    };
    let on_reset = d.to_callback().reform(|_| Action::Reset);
    let on_help = d.to_callback().reform(|_| Action::ToggleHelp);
    let onkeydown = {
        let (st, engine) = (state.clone(), engine.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                engine.borrow().submit(st.request());
            } else if e.key() == "Escape" && st.help {
                st.dispatch(Action::ToggleHelp);
            }
        })
    };

    let pending = state.result.as_ref().is_none_or(|r| r.rev != state.rev);
    let input_bytes = state.ds.len() + state.nodes.len() + state.pods.len() + state.settings.len();
    let generating = state.generated.is_some() && state.nodes.is_empty();
    let timing = match &state.result {
        Some(r) if !pending => {
            html! { <span class="timing" id="eval-time" data-ms={format!("{:.1}", r.ms)} data-rev={r.rev.to_string()}>{ fill(t.evaluated_in, &[&format!("{:.0}", r.ms)]) }</span> }
        }
        _ if input_bytes >= BIG_INPUT || generating => html! {
            <span class="timing pending" id="eval-time">
                <progress id="eval-progress" aria-label={t.evaluating}></progress>
                { if generating { t.generating.to_string() } else { fill(t.checking_size, &[&megabytes(input_bytes)]) } }
            </span>
        },
        _ => html! { <span class="timing pending" id="eval-time">{ t.evaluating }</span> },
    };
    let status_line = match state
        .engine_error
        .as_ref()
        .map(|e| Status { text: fill(t.engine_failed, &[e]), error: true })
        .as_ref()
        .or(state.status.as_ref())
    {
        Some(s) => {
            html! { <span id="status" class={classes!("status", s.error.then_some("error"))} role="status">{ s.text.clone() }</span> }
        }
        None => html! { <span id="status" class="status" role="status"></span> },
    };
    let no_marks = use_memo((), |()| Vec::new());
    let empty = no_marks.clone();
    let (ds_marks, nodes_marks, pods_marks) = match &state.result {
        Some(r) => (r.ds_marks.clone(), r.nodes_marks.clone(), r.pods_marks.clone()),
        None => (empty.clone(), empty.clone(), empty.clone()),
    };
    let reveal = |p: Pane| state.reveal.filter(|(q, _)| *q == p).map(|(_, r)| r);
    let generated_note = state.generated.map(|n| AttrValue::from(fill(t.generated_note, &[&n.to_string()])));
    let pods_open = eval::has_content(&state.pods) || !pods_marks.is_empty();

    html! {
        <div class="app" {onkeydown}>
            <header class="top">
                <div class="brand"><span class="logo" aria-hidden="true">{"◆"}</span><h1>{"everynode"}</h1><span class="tagline">{ t.tagline }</span></div>
                <div class="controls">
                    <label class="ctl">{ t.example }
                        <select id="preset-ds" onchange={on_pick_ds}>
                            if state.ds_preset.is_none() { <option value="" selected=true>{ t.custom }</option> }
                            { for presets::DAEMONSETS.iter().map(|p| html! { <option value={p.id} selected={state.ds_preset == Some(p.id)}>{ state.lang.preset_title(p.id, p.title) }</option> }) }
                        </select>
                    </label>
                    <label class="ctl">{ t.cluster }
                        <select id="preset-cluster" onchange={on_pick_cluster}>
                            if state.cluster_preset.is_none() { <option value="" selected=true>{ t.custom }</option> }
                            { for presets::CLUSTERS.iter().map(|p| html! { <option value={p.id} selected={state.cluster_preset == Some(p.id)}>{ state.lang.preset_title(p.id, p.title) }</option> }) }
                        </select>
                    </label>
                    <label class="ctl">{ t.kubernetes }
                        <select id="k8s-version" onchange={on_minor}>
                            { for MINORS.rev().map(|m| html! { <option value={format!("1.{m}")} selected={state.minor == m}>{ format!("1.{m}") }</option> }) }
                        </select>
                    </label>
                    <label class="ctl">{ t.pod_security }
                        <select id="pod-security" onchange={on_pod_security}>
                            { for crate::state::POD_SECURITY_LEVELS.iter().map(|l| html! {
                                <option value={*l} selected={state.pod_security.as_str() == *l}>{ if l.is_empty() { t.pod_security_inputs } else { l } }</option>
                            }) }
                        </select>
                    </label>
                    <button id="copy-link" onclick={on_copy_link}>{ t.copy_link }</button>
                    <button id="copy-md" onclick={on_copy_md}>{ t.copy_markdown }</button>
                    <button id="reset" onclick={on_reset}>{ t.reset }</button>
                    <label class="ctl"><span class="sr-only">{ t.language }</span>
                        <select id="lang" onchange={on_lang} aria-label={t.language}>
                            <option value="en" selected={state.lang == Lang::En}>{"English"}</option>
                            <option value="zh-CN" selected={state.lang == Lang::Zh}>{"简体中文"}</option>
                        </select>
                    </label>
                    <button id="theme" onclick={on_theme} aria-pressed={(state.theme == Theme::Dark).to_string()}>
                        { if state.theme == Theme::Dark { t.theme_light } else { t.theme_dark } }
                    </button>
                    <button id="help" onclick={on_help} aria-expanded={state.help.to_string()}>{ t.help }</button>
                </div>
            </header>
            if state.help {
                <section class="help" id="help-panel" aria-label={t.help}>
                    { for t.help_text.iter().map(|p| html! { <p>{ inline_code(p) }</p> }) }
                    <button onclick={d.to_callback().reform(|_| Action::ToggleHelp)}>{ t.close }</button>
                </section>
            }
            if let Some(s) = &state.share {
                <section class="share" aria-label={t.share_output}>
                    <label for="share-out">{ t.share_output }</label>
                    <textarea id="share-out" readonly=true rows="3" value={s.clone()} />
                    <button onclick={d.to_callback().reform(|_| Action::Share(None))}>{ t.close }</button>
                </section>
            }
            if state.undo.is_some() {
                <div class="toast" id="undo-toast" role="status">
                    <span>{ t.replaced }</span>
                    <button id="undo" class="primary small" onclick={d.to_callback().reform(|_| Action::Undo)}>{ t.undo }</button>
                </div>
            }
            <main class="panes">
                <div class="left">
                    <Editor id="ds-editor" label={t.ds_editor} value={state.ds.clone()} oninput={on_ds} marks={ds_marks} reveal={reveal(Pane::Ds)} edit={state.ds_edit} />
                    <Editor id="nodes-editor" label={t.nodes_editor} value={state.nodes.clone()} oninput={on_nodes} marks={nodes_marks} note={generated_note} reveal={reveal(Pane::Nodes)} />
                    <details class="pods" open={pods_open}>
                        <summary>{ t.pods_editor }</summary>
                        <Editor id="pods-editor" label={t.pods_editor} value={state.pods.clone()} oninput={on_pods} marks={pods_marks} placeholder={t.pods_hint} reveal={reveal(Pane::Pods)} />
                    </details>
                    <details class="settings" open={eval::has_content(&state.settings)}>
                        <summary>{ t.settings_editor }</summary>
                        <Editor id="settings-editor" label={t.settings_editor} value={state.settings.clone()} oninput={on_settings} marks={no_marks} placeholder={t.settings_hint} />
                    </details>
                </div>
                <div class="right">
                    <div class="statusbar">{ timing }{ status_line }<span class="engine">{ format!("everynode-core {}", env!("CARGO_PKG_VERSION")) }</span></div>
                    if state.first_run {
                        <section class="card hint" id="first-run" aria-label={t.hint_title}>
                            <h2>{ t.hint_title }</h2>
                            <p>{ t.hint_nodes }</p>
                            <pre class="snippet">{ "kubectl get nodes -o yaml" }</pre>
                            <p>{ t.hint_pods }</p>
                            <pre class="snippet">{ "kubectl get pods -A -o yaml" }</pre>
                            <button id="hint-close" class="small" onclick={d.to_callback().reform(|_| Action::DismissHint)}>{ t.close }</button>
                        </section>
                    }
                    if let Some(r) = &state.result {
                        <Results result={r.clone()} state={state.clone()} />
                    }
                </div>
            </main>
        </div>
    }
}

/// Text with `code` spans: the backticks become <code> (the Help panel showed them literally).
fn inline_code(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            html! { part.to_string() }
        }
    });
    html! { <>{ for parts }</> }
}

fn select_value(e: &Event) -> Option<String> {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value())
}

/// Copy to the clipboard; always also show the text (for browsers without clipboard access).
pub fn copy_with_status(st: &UseReducerHandle<State>, text: String, ok_msg: &'static str) {
    st.dispatch(Action::Share(Some(text.clone())));
    let (d, failed) = (st.dispatcher(), st.lang.texts().copy_failed);
    dom::copy_text(text, move |ok| {
        let text = if ok { ok_msg } else { failed };
        d.dispatch(Action::Status(Some(Status { text: text.into(), error: !ok })));
    });
}
