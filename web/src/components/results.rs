//! The right-hand side: problems, the kubectl line, placement summary, the per-node table
//! (paged: 5 000 nodes stay cheap), zones, endpoints, rollout and suggested fixes.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dom;
use crate::eval::{AdmissionView, Evaluated, Finding, FixView, NodeRow, ObjectView, Pane, PlacementView};
use crate::i18n::{Texts, fill};
use crate::state::{Action, PAGE_SIZE, RunFilter, State, Status};
use everynode_core::edit::{Target, apply_fix};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub result: Rc<Evaluated>,
    pub state: UseReducerHandle<State>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let st = &props.state;
    let t = st.lang.texts();
    let report = &*props.result;
    let daemonsets: Vec<usize> = report.objects.iter().enumerate().filter(|(_, o)| o.kind == "DaemonSet").map(|(i, _)| i).collect();
    let selected = if daemonsets.contains(&st.selected) { st.selected } else { daemonsets.first().copied().unwrap_or(usize::MAX) };

    let tabs = (daemonsets.len() > 1).then(|| {
        html! {
            <nav class="tabs" aria-label={t.object}>
                { for daemonsets.iter().map(|&i| {
                    let o = &report.objects[i];
                    let onclick = st.dispatcher().to_callback().reform(move |_| Action::Select(i));
                    html! { <button class={classes!("tab", (i == selected).then_some("active"), (!o.valid).then_some("bad"))} aria-pressed={(i == selected).to_string()} {onclick}>{ &o.name }</button> }
                }) }
            </nav>
        }
    });

    let problems = problems_view(st, report, t);
    let admission = props.result.admission.as_ref().map(|a| admission_view(a, t));
    let object = report.objects.get(selected).map(|o| object_view(st, o, t));
    let stale = st.result.as_ref().is_some_and(|r| r.rev != st.rev);
    let summary = report.objects.get(selected).map(|o| {
        let runs = o.placement.as_ref().map(|p| format!(" · {}", fill(if o.valid { t.runs_on } else { t.runs_on_if_valid }, &[&p.scheduled.to_string(), &p.nodes.to_string()])));
        html! {
            <div class={classes!("summary-bar", if o.valid { "ok" } else { "bad" })} id="summary-bar" role="status" aria-live="polite">
                <strong>{ if o.valid { t.valid } else { t.invalid } }</strong>
                { format!(" · {} · {}", fill(t.count_errors, &[&report.errors.to_string()]), fill(t.count_warnings, &[&report.warnings.to_string()])) }
                { runs.unwrap_or_default() }
                if stale { <span class="stale-note">{ format!(" · {}", t.stale) }</span> }
            </div>
        }
    });
    html! {
        <div class={classes!("results", stale.then_some("stale"))}>
            { for summary }
            { for tabs }
            { for admission }
            { problems }
            { for object }
        </div>
    }
}

/// What the admission policy would answer with the settings editor's settings (core::admission).
fn admission_view(a: &Result<AdmissionView, String>, t: &Texts) -> Html {
    let (class, head, body, warnings) = match a {
        Err(problems) => ("denied", t.settings_invalid, Some(problems.clone()), Vec::new()),
        Ok(d) if d.allowed => ("allowed", t.admission_allowed, None, d.warnings.clone()),
        Ok(d) => {
            ("denied", t.admission_denied, Some(format!("{} ({})", d.message.clone().unwrap_or_default(), d.code)), d.warnings.clone())
        }
    };
    html! {
        <section class={classes!("card", "admission", class)} id="admission">
            <h2>{ head }</h2>
            if let Some(b) = body { <pre>{ b }</pre> }
            if !warnings.is_empty() { <ul>{ for warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul> }
        </section>
    }
}

fn problems_view(st: &UseReducerHandle<State>, report: &Evaluated, t: &Texts) -> Html {
    let items: Vec<Html> =
        report.findings.iter().chain(report.objects.iter().flat_map(|o| o.findings.iter())).map(|d| diagnostic_view(st, d, t)).collect();
    let (e, w) = (report.errors, report.warnings);
    html! {
        <section class="card problems" id="problems" aria-label={t.problems}>
            <h2>{ t.problems }<span class="counts">
                <span class="sev error" title={fill(t.count_errors, &[&e.to_string()])}>{ fill(t.count_errors, &[&e.to_string()]) }</span>
                <span class="sev warning" title={fill(t.count_warnings, &[&w.to_string()])}>{ fill(t.count_warnings, &[&w.to_string()]) }</span>
            </span></h2>
            if items.is_empty() { <p class="ok">{ t.no_problems }</p> } else { <ul class="diags">{ for items }</ul> }
        </section>
    }
}

fn diagnostic_view(st: &UseReducerHandle<State>, d: &Finding, t: &Texts) -> Html {
    let pane = Pane::of_file(&d.file);
    let onclick = {
        let (st, span) = (st.clone(), d.span);
        Callback::from(move |_| {
            let (Some(pane), Some((s, e))) = (pane, span) else { return };
            st.dispatch(Action::Reveal(pane, s, e));
        })
    };
    let loc = d.at.map(|(l, c)| fill(t.line_col, &[&l.to_string(), &c.to_string()]));
    let where_ = match (pane, loc) {
        (Some(p), Some(l)) => format!("{} · {l}", pane_name(p, t)),
        (Some(p), None) => pane_name(p, t).to_string(),
        (None, _) => String::new(),
    };
    let sev = d.severity.clone();
    html! {
        <li class={classes!("diag", sev.clone())} data-code={d.code.clone()}>
            <button class="diag-main" {onclick} disabled={pane.is_none() || d.span.is_none()} title={where_.clone()}>
                <span class={classes!("badge", sev.clone())}>{ st.lang.severity(&sev) }</span>
                <code class="code">{ d.code.clone() }</code>
                <span class="msg">{ &d.message }</span>
            </button>
            <div class="diag-meta">
                if !where_.is_empty() { <span class="where">{ where_ }</span> }
                <a class="docs" href={d.url.clone()} target="_blank" rel="noopener">{ t.docs }</a>
            </div>
            if let Some(h) = &d.help {
                if h.lines().count() > 2 {
                    <details class="help-more"><summary>{ h.lines().next().unwrap_or_default() }</summary><pre class="help-text">{ h.split_once('\n').map(|(_, rest)| rest).unwrap_or_default() }</pre></details>
                } else {
                    <pre class="help-text">{ h }</pre>
                }
            }
        </li>
    }
}

fn pane_name(p: Pane, t: &Texts) -> &'static str {
    match p {
        Pane::Ds => t.ds_editor,
        Pane::Nodes => t.nodes_editor,
        Pane::Pods => t.pods_editor,
    }
}

fn copy_button(st: &UseReducerHandle<State>, text: String, t: &'static Texts) -> Html {
    let st = st.clone();
    let onclick = Callback::from(move |_| {
        let d = st.dispatcher();
        dom::copy_text(text.clone(), move |ok| {
            d.dispatch(Action::Status(Some(Status { text: if ok { t.copied.into() } else { t.copy_failed.into() }, error: !ok })))
        });
    });
    html! { <button class="small" {onclick}>{ t.copy }</button> }
}

fn object_view(st: &UseReducerHandle<State>, o: &ObjectView, t: &'static Texts) -> Html {
    let ns = if o.namespace.is_empty() { String::new() } else { format!("{}/", o.namespace) };
    let (kubectl, apiserver) = (o.kubectl.clone(), o.apiserver.clone());
    html! {
        <>
        <section class="card object" id="object">
            <h2>
                <span class="kind">{ &o.kind }</span>{" "}<span class="name">{ format!("{ns}{}", o.name) }</span>
                <span class="api">{ &o.api_version }</span>
                <span class={classes!("pill", if o.valid { "ok" } else { "bad" })}>{ if o.valid { t.valid } else { t.invalid } }</span>
            </h2>
            if let Some(k) = kubectl {
                <div class="kubectl">
                    <div class="kubectl-head"><span>{ t.kubectl_says }</span>{ copy_button(st, k.clone(), t) }</div>
                    <pre id="kubectl-line">{ k }</pre>
                </div>
            }
            if let Some(a) = apiserver {
                <details class="apiserver"><summary>{ t.apiserver_says }</summary><pre>{ a }</pre></details>
            }
        </section>
        { match &o.placement {
            Some(p) => placement_view(st, o, p, t),
            None if crate::eval::has_content(&st.nodes) || st.generated.is_some() => {
                html! { <section class="card placement" id="placement"><p class="muted" id="placement-note">{ t.placement_needs_decoding }</p></section> }
            }
            None => html! { <section class="card placement" id="placement"><p class="muted" id="placement-note">{ t.no_nodes }</p></section> },
        } }
        </>
    }
}

fn placement_view(st: &UseReducerHandle<State>, o: &ObjectView, p: &PlacementView, t: &'static Texts) -> Html {
    let groups = &p.groups;
    let share = if p.nodes == 0 { 0.0 } else { p.scheduled as f64 * 100.0 / p.nodes as f64 };
    html! {
        <>
        <section class="card placement" id="placement">
            <h2>{ t.placement }</h2>
            <p class={classes!("headline", (!o.valid).then_some("blocked"))} id="runs-on">
                <strong>{ fill(if o.valid { t.runs_on } else { t.runs_on_if_valid }, &[&p.scheduled.to_string(), &p.nodes.to_string()]) }</strong>
            </p>
            <div class={classes!("bar", (!o.valid).then_some("blocked"))} role="presentation"><div class="bar-fill" style={format!("width: {share:.1}%")}></div></div>
            <dl class="stats">
                { for p.stats.iter().map(|(k, v)| html! { <div><dt>{ k.clone() }</dt><dd data-stat={k.to_lowercase()}>{ v }</dd></div> }) }
            </dl>
            if let Some(h) = &p.histogram { <pre class="histogram">{ h }</pre> }
            if !groups.is_empty() {
                <h3>{ t.reasons }</h3>
                <ul class="groups" id="reason-groups">
                    { for groups.iter().map(|(reason, n)| {
                        let active = st.table.reason.as_deref() == Some(reason.as_str());
                        let r = reason.clone();
                        let onclick = st.dispatcher().to_callback().reform(move |_| Action::Reason(if active { None } else { Some(r.clone()) }));
                        html! { <li><button class={classes!("group", active.then_some("active"))} aria-pressed={active.to_string()} {onclick}><span class="n">{ n }</span><span class="r">{ reason }</span></button></li> }
                    }) }
                </ul>
            }
        </section>
        { table_view(st, &p.rows, t) }
        { fixes_view(st, o, &p.fixes, t) }
        { zones_view(p, t) }
        { endpoints_view(&p.rows, t) }
        { rollout_view(p, t) }
        </>
    }
}

fn table_view(st: &UseReducerHandle<State>, nodes: &[NodeRow], t: &'static Texts) -> Html {
    let tb = &st.table;
    let q = tb.query.to_lowercase();
    let rows: Vec<&NodeRow> = nodes
        .iter()
        .filter(|n| match tb.filter {
            RunFilter::All => true,
            RunFilter::Runs => n.runs,
            RunFilter::NotRuns => !n.runs,
        })
        .filter(|n| tb.reason.as_ref().is_none_or(|r| !n.runs && n.why == *r))
        .filter(|n| q.is_empty() || n.name.to_lowercase().contains(&q))
        .collect();
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1);
    let page = tb.page.min(pages - 1);
    let d = st.dispatcher();
    let on_filter = d.to_callback().reform(|e: Event| {
        let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
        Action::Filter(match v.as_str() {
            "runs" => RunFilter::Runs,
            "not" => RunFilter::NotRuns,
            _ => RunFilter::All,
        })
    });
    let on_query = d.to_callback().reform(|e: InputEvent| {
        Action::Query(e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default())
    });
    let prev = d.to_callback().reform(move |_| Action::Page(page.saturating_sub(1)));
    let next = d.to_callback().reform(move |_| Action::Page((page + 1).min(pages - 1)));
    html! {
        <section class="card nodes" id="nodes-table" aria-label={t.col_node}>
            <div class="table-controls">
                <select id="run-filter" onchange={on_filter} aria-label={t.col_runs}>
                    <option value="all" selected={tb.filter == RunFilter::All}>{ t.all_nodes }</option>
                    <option value="runs" selected={tb.filter == RunFilter::Runs}>{ t.only_runs }</option>
                    <option value="not" selected={tb.filter == RunFilter::NotRuns}>{ t.only_not }</option>
                </select>
                <input id="node-query" type="search" placeholder={t.filter_name} aria-label={t.filter_name} value={tb.query.clone()} oninput={on_query} />
                if let Some(r) = &tb.reason {
                    <button class="chip" onclick={d.to_callback().reform(|_| Action::Reason(None))} title={r.clone()}>{ format!("✕ {}", short(r, 48)) }</button>
                }
                <span class="pager">
                    <button id="page-prev" class="small" onclick={prev} disabled={page == 0}>{ t.prev }</button>
                    <span id="page-info">{ fill(t.page, &[&(page + 1).to_string(), &pages.to_string(), &rows.len().to_string()]) }</span>
                    <button id="page-next" class="small" onclick={next} disabled={page + 1 >= pages}>{ t.next }</button>
                </span>
            </div>
            <div class="table-scroll">
                <table>
                    <thead><tr><th>{ t.col_node }</th><th>{ t.col_zone }</th><th>{ t.col_runs }</th><th>{ t.col_reason }</th><th>{ t.col_endpoints }</th></tr></thead>
                    <tbody>
                        { for rows.iter().skip(page * PAGE_SIZE).take(PAGE_SIZE).map(|n| html! {
                            <tr data-node={n.name.clone()} data-runs={n.runs.to_string()} class={if n.runs { "runs" } else { "not" }}>
                                <td class="mono">{ &n.name }</td>
                                <td>{ n.zone.clone().unwrap_or_default() }</td>
                                <td class="runs-cell">{ runs_cell(n, t) }</td>
                                <td class="reason">{ if n.victims.is_empty() { n.why.clone() } else { fill(t.preempts, &[&n.victims.join(", ")]) } }</td>
                                <td class="mono">{ n.endpoints.join(" ") }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { format!("{}…", s.chars().take(max).collect::<String>()) }
}

fn fixes_view(st: &UseReducerHandle<State>, o: &ObjectView, fixes: &[FixView], t: &'static Texts) -> Html {
    if fixes.is_empty() {
        return html! {};
    }
    let target = Target { document: o.document, item: o.item };
    html! {
        <section class="card fixes" id="fixes">
            <h2>{ t.fixes }</h2>
            <ul>
            { for fixes.iter().enumerate().map(|(i, f)| {
                let applicable = f.kind == "nodeName" || (f.yaml.is_some() && matches!(f.kind.as_str(), "toleration" | "nodeSelector"));
                let onclick = {
                    let (st, kind, yaml) = (st.clone(), f.kind.clone(), f.yaml.clone());
                    Callback::from(move |_| match apply_fix(&st.ds, target, &kind, yaml.as_deref()) {
                        Ok(text) => {
                            st.dispatch(Action::ApplyDs(AttrValue::from(text)));
                            st.dispatch(Action::Status(Some(Status { text: t.fix_applied.into(), error: false })));
                        }
                        Err(e) => st.dispatch(Action::Status(Some(Status { text: fill(t.fix_failed, &[&e]), error: true }))),
                    })
                };
                html! {
                    <li class="fix" data-kind={f.kind.clone()} id={format!("fix-{i}")}>
                        <div class="fix-head">
                            <span class="desc">{ &f.description }</span>
                            if applicable { <button class="apply primary small" {onclick}>{ t.apply }</button> }
                        </div>
                        <div class="muted small-text">{ format!("{} — {}", f.reason, f.names) }</div>
                        <div class="muted small-text">{ fill(t.fix_result, &[&f.includes.to_string(), &f.then_runs.to_string()]) }</div>
                        if let Some(y) = &f.yaml { <pre class="snippet">{ y }</pre> }
                        if let Some(c) = &f.command {
                            <div class="small-text">{ t.fix_by_hand }</div>
                            <pre class="snippet">{ c }</pre>
                            { copy_button(st, c.clone(), t) }
                        }
                    </li>
                }
            }) }
            </ul>
        </section>
    }
}

fn zones_view(p: &PlacementView, t: &Texts) -> Html {
    if p.zones.is_empty() {
        return html! {};
    }
    html! {
        <section class="card zones" id="zones">
            <h2>{ t.zones }</h2>
            <ul class="zone-list">
            { for p.zones.iter().map(|(zone, nodes, runs)| {
                let pct = if *nodes == 0 { 0.0 } else { *runs as f64 * 100.0 / *nodes as f64 };
                html! {
                    <li><span class="mono zone-name">{ zone }</span>
                        <div class="bar small-bar"><div class="bar-fill" style={format!("width: {pct:.1}%")}></div></div>
                        <span class="zone-n">{ fill(t.zone_runs, &[&runs.to_string(), &nodes.to_string()]) }</span></li>
                }
            }) }
            </ul>
        </section>
    }
}

fn endpoints_view(nodes: &[NodeRow], t: &Texts) -> Html {
    let all: Vec<&String> = nodes.iter().flat_map(|n| n.endpoints.iter()).collect();
    const SHOWN: usize = 24;
    html! {
        <section class="card endpoints" id="endpoints">
            <h2>{ t.endpoints }<span class="counts">{ all.len() }</span></h2>
            if all.is_empty() { <p class="muted">{ t.endpoints_none }</p> } else {
                <p class="mono endpoint-list">{ all.iter().take(SHOWN).map(|e| e.as_str()).collect::<Vec<_>>().join("  ") }
                    if all.len() > SHOWN { <span class="muted">{ format!("  … {}", fill(t.more_nodes, &[&(all.len() - SHOWN).to_string()])) }</span> }
                </p>
            }
        </section>
    }
}

fn rollout_view(p: &PlacementView, t: &Texts) -> Html {
    let r = &p.rollout;
    let line = match r.waves {
        Some(w) => fill(t.rollout_waves, &[&r.strategy, &r.max_unavailable.to_string(), &r.max_surge.to_string(), &w.to_string()]),
        None => t.rollout_on_delete.to_string(),
    };
    html! {
        <section class="card rollout" id="rollout">
            <h2>{ t.rollout }</h2>
            <p>{ line }</p>
            if !r.notes.is_empty() { <ul class="notes">{ for r.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul> }
        </section>
    }
}

/// The Runs cell: yes (after preempting N pods), or no with the pod's fate when it is not merely Pending.
fn runs_cell(n: &NodeRow, t: &Texts) -> Html {
    if n.runs && !n.victims.is_empty() {
        return html! { <span class="yes">{ format!("✓ {}", fill(t.after_preempting, &[&n.victims.len().to_string()])) }</span> };
    }
    if n.runs {
        return html! { <span class="yes">{ format!("✓ {}", t.yes) }</span> };
    }
    let fate = match n.fate.as_deref() {
        Some("notCreated") => format!(" ({})", t.not_created),
        Some("rejectedByKubelet") => format!(" ({})", t.rejected_by_kubelet),
        _ => String::new(),
    };
    if n.should_run && fate.is_empty() {
        // The controller creates the pod; a scheduler filter keeps it Pending (not "excluded").
        return html! { <span class="pending">{ format!("⏳ {}", t.pending) }</span> };
    }
    html! { <span class="no">{ format!("✕ {}{fate}", t.no) }</span> }
}
