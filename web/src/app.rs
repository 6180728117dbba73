//! The page: header (presets, version, share, language, theme), editors, results.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::editor::Editor;
use crate::components::results::Results;
use crate::dom;
use crate::eval::{self, Evaluated};
use crate::i18n::{Lang, fill};
use crate::presets;
use crate::share;
use crate::state::{Action, MINORS, State, Status, Theme};

const KEY_STATE: &str = "everynode.playground.v1";
const KEY_LANG: &str = "everynode.lang";
const KEY_THEME: &str = "everynode.theme";
/// Autosave is skipped above this many bytes (localStorage quotas are ~5 MB per origin).
pub const AUTOSAVE_CAP: usize = 512 * 1024;
const DEBOUNCE_MS: u32 = 250;

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

fn run(state: &State) -> Rc<Evaluated> {
    let t0 = dom::now_ms();
    let mut e = eval::evaluate(&state.ds, &state.nodes, &state.pods, &state.settings, state.minor, &state.pod_security);
    e.ms = dom::now_ms() - t0;
    e.rev = state.rev;
    Rc::new(e)
}

fn autosave(state: &State) -> bool {
    let json = serde_json::to_string(&state.snapshot()).unwrap_or_default();
    if json.len() > AUTOSAVE_CAP {
        dom::storage_remove(KEY_STATE);
        return false;
    }
    dom::storage_set(KEY_STATE, &json)
}

/// `#v1=…` link to the current state.
pub fn share_link(state: &State) -> String {
    format!("{}#{}", dom::page_url(), share::encode(&state.snapshot()))
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial);
    let t = state.lang.texts();

    {
        let lang = state.lang;
        use_effect_with(lang, move |l| dom::set_root_attr("lang", l.code()));
    }
    {
        let theme = state.theme;
        use_effect_with(theme, move |th| dom::set_root_attr("data-theme", th.as_str()));
    }
    {
        // Debounced evaluation: every input change re-arms the timer; dropping it cancels.
        let st = state.clone();
        use_effect_with(state.rev, move |rev| {
            let first = *rev == 0;
            let delay = if first { 0 } else { DEBOUNCE_MS };
            let timer = Timeout::new(delay, move || {
                let e = run(&st);
                st.dispatch(Action::Evaluated(e));
                if !autosave(&st) {
                    st.dispatch(Action::Status(Some(Status { text: st.lang.texts().autosave_skipped.into(), error: false })));
                }
                if first && !dom::location_hash().is_empty() {
                    dom::clear_hash();
                }
            });
            move || drop(timer)
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
        Callback::from(move |_| {
            let link = share_link(&st);
            copy_with_status(&st, link, st.lang.texts().link_copied);
        })
    };
    let on_copy_md = {
        let st = state.clone();
        Callback::from(move |_| {
            let md = crate::markdown::markdown(&st, &share_link(&st));
            copy_with_status(&st, md, st.lang.texts().markdown_copied);
        })
    };
    let on_reset = d.to_callback().reform(|_| Action::Reset);
    let on_help = d.to_callback().reform(|_| Action::ToggleHelp);
    let onkeydown = {
        let st = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                st.dispatch(Action::Evaluated(run(&st)));
            } else if e.key() == "Escape" && st.help {
                st.dispatch(Action::ToggleHelp);
            }
        })
    };

    let pending = state.result.as_ref().is_none_or(|r| r.rev != state.rev);
    let timing = match &state.result {
        Some(r) if !pending => {
            html! { <span class="timing" id="eval-time" data-ms={format!("{:.1}", r.ms)} data-rev={r.rev.to_string()}>{ fill(t.evaluated_in, &[&format!("{:.0}", r.ms)]) }</span> }
        }
        _ => html! { <span class="timing pending" id="eval-time">{ t.evaluating }</span> },
    };
    let status_line = match &state.status {
        Some(s) => {
            html! { <span id="status" class={classes!("status", s.error.then_some("error"))} role="status">{ s.text.clone() }</span> }
        }
        None => html! { <span id="status" class="status" role="status"></span> },
    };
    let empty = Rc::new(Vec::new());
    let (ds_marks, nodes_marks, pods_marks) = match &state.result {
        Some(r) => (r.ds_marks.clone(), r.nodes_marks.clone(), r.pods_marks.clone()),
        None => (empty.clone(), empty.clone(), empty),
    };
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
                            { for presets::DAEMONSETS.iter().map(|p| html! { <option value={p.id} selected={state.ds_preset == Some(p.id)}>{ p.title }</option> }) }
                        </select>
                    </label>
                    <label class="ctl">{ t.cluster }
                        <select id="preset-cluster" onchange={on_pick_cluster}>
                            if state.cluster_preset.is_none() { <option value="" selected=true>{ t.custom }</option> }
                            { for presets::CLUSTERS.iter().map(|p| html! { <option value={p.id} selected={state.cluster_preset == Some(p.id)}>{ p.title }</option> }) }
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
                    { for t.help_text.iter().map(|p| html! { <p>{ *p }</p> }) }
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
            <main class="panes">
                <div class="left">
                    <Editor id="ds-editor" label={t.ds_editor} value={state.ds.clone()} oninput={on_ds} marks={ds_marks} />
                    <Editor id="nodes-editor" label={t.nodes_editor} value={state.nodes.clone()} oninput={on_nodes} marks={nodes_marks} note={generated_note} />
                    <details class="pods" open={pods_open}>
                        <summary>{ t.pods_editor }</summary>
                        <Editor id="pods-editor" label={t.pods_editor} value={state.pods.clone()} oninput={on_pods} marks={pods_marks} placeholder={t.pods_hint} />
                    </details>
                    <details class="settings" open={eval::has_content(&state.settings)}>
                        <summary>{ t.settings_editor }</summary>
                        <Editor id="settings-editor" label={t.settings_editor} value={state.settings.clone()} oninput={on_settings} marks={Rc::new(Vec::new())} placeholder={t.settings_hint} />
                    </details>
                </div>
                <div class="right" aria-live="polite">
                    <div class="statusbar">{ timing }{ status_line }<span class="engine">{ format!("everynode-core {}", env!("CARGO_PKG_VERSION")) }</span></div>
                    if let Some(r) = &state.result {
                        <Results result={r.clone()} state={state.clone()} />
                    }
                </div>
            </main>
        </div>
    }
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
