//! The playground's state: one `Reducible` struct and its actions.

use everynode_core::KubeVersion;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::editor::Reveal;
use crate::engine::Request;
use crate::eval::{Evaluated, Pane};
use crate::i18n::Lang;
use crate::presets;
use crate::share::Snapshot;

pub const DEFAULT_MINOR: u32 = KubeVersion::DEFAULT.minor;
pub const MINORS: std::ops::RangeInclusive<u32> = KubeVersion::OLDEST.minor..=KubeVersion::NEWEST.minor;

/// The levels the Pod Security selector offers ("" = from the inputs).
pub const POD_SECURITY_LEVELS: [&str; 4] = ["", "privileged", "baseline", "restricted"];

/// A level the selector offers, or "" for anything else (old or hand-made links).
pub fn pod_security_level(l: &str) -> &'static str {
    POD_SECURITY_LEVELS.iter().copied().find(|x| *x == l).unwrap_or("")
}
pub const PAGE_SIZE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RunFilter {
    #[default]
    All,
    Runs,
    NotRuns,
}

/// Per-node table controls.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub filter: RunFilter,
    pub reason: Option<String>,
    pub query: String,
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub ds: AttrValue,
    pub nodes: AttrValue,
    pub pods: AttrValue,
    /// Policy settings (YAML/JSON), read by core::settings like the policy modules read them.
    pub settings: AttrValue,
    pub minor: u32,
    /// The Pod Security level the namespace enforces (`privileged`, `baseline`, `restricted`);
    /// empty: from a Namespace in the inputs or the settings' `podSecurity`.
    pub pod_security: AttrValue,
    /// Preset ids while the editor text is unchanged since picking them.
    pub ds_preset: Option<&'static str>,
    pub cluster_preset: Option<&'static str>,
    /// The nodes text is the generated cluster of this many nodes (until edited).
    pub generated: Option<usize>,
    pub lang: Lang,
    pub theme: Theme,
    pub result: Option<Rc<Evaluated>>,
    /// Bumped on every input change; the evaluation effect depends on it.
    pub rev: u64,
    /// Bumped when the nodes text changes (the worker keeps its own copy of it).
    pub nodes_rev: u64,
    /// The last request to select a range in an editor (a problem clicked).
    pub reveal: Option<(Pane, Reveal)>,
    /// The evaluation worker failed (shown until the next result).
    pub engine_error: Option<String>,
    /// Bumped when a fix edits the DaemonSet: the editor then applies the change as an edit of its
    /// own (native undo kept, the changed lines selected).
    pub ds_edit: u64,
    /// Nothing saved from an earlier visit: show where the inputs come from.
    pub first_run: bool,
    /// The inputs a preset pick or Reset replaced while they held the user's own text (Undo).
    pub undo: Option<Rc<Inputs>>,
    pub status: Option<Status>,
    /// The last share link or Markdown (shown for manual copying).
    pub share: Option<String>,
    pub selected: usize,
    pub table: Table,
    pub help: bool,
}

/// The editors' texts and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub ds: AttrValue,
    pub nodes: AttrValue,
    pub pods: AttrValue,
    pub settings: AttrValue,
    pub ds_preset: Option<&'static str>,
    pub cluster_preset: Option<&'static str>,
    pub generated: Option<usize>,
}

pub enum Action {
    SetDs(AttrValue),
    SetNodes(AttrValue),
    SetPods(AttrValue),
    SetSettings(AttrValue),
    /// The generated cluster's text arrived from the worker for this nodes revision.
    NodesText(u64, AttrValue),
    /// Select bytes `start..end` in an editor and scroll to them.
    Reveal(Pane, usize, usize),
    EngineError(String),
    /// Put back the inputs a pick or Reset replaced.
    Undo,
    /// A fix rewrote the DaemonSet.
    ApplyDs(AttrValue),
    DismissHint,
    SetMinor(u32),
    SetPodSecurity(String),
    PickDs(&'static str),
    PickCluster(&'static str),
    Load(Snapshot),
    Reset,
    Evaluated(Rc<Evaluated>),
    SetLang(Lang),
    ToggleTheme,
    Status(Option<Status>),
    Share(Option<String>),
    Select(usize),
    Filter(RunFilter),
    Reason(Option<String>),
    Query(String),
    Page(usize),
    ToggleHelp,
}

impl State {
    pub fn new(lang: Lang, theme: Theme) -> State {
        let mut s = State {
            ds: AttrValue::default(),
            nodes: AttrValue::default(),
            pods: AttrValue::default(),
            settings: AttrValue::default(),
            minor: DEFAULT_MINOR,
            pod_security: AttrValue::default(),
            ds_preset: None,
            cluster_preset: None,
            generated: None,
            lang,
            theme,
            result: None,
            rev: 0,
            nodes_rev: 0,
            reveal: None,
            engine_error: None,
            undo: None,
            ds_edit: 0,
            first_run: false,
            status: None,
            share: None,
            selected: 0,
            table: Table::default(),
            help: false,
        };
        s.pick_ds(presets::DEFAULT_DS);
        s.pick_cluster(presets::DEFAULT_CLUSTER);
        s
    }

    fn pick_ds(&mut self, id: &'static str) {
        if let Some(p) = presets::daemonset(id) {
            self.ds = AttrValue::Static(p.text);
            self.ds_preset = Some(p.id);
        }
    }

    fn pick_cluster(&mut self, id: &'static str) {
        if let Some(p) = presets::cluster(id) {
            // A generated cluster is made by the worker (engine::Request::generate).
            self.nodes = p.text.map(AttrValue::Static).unwrap_or_default();
            self.nodes_rev += 1;
            self.cluster_preset = Some(p.id);
            self.generated = p.generated;
        }
    }

    /// The state a share link or autosave carries.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            ds: self.ds.to_string(),
            nodes: if self.generated.is_some() { String::new() } else { self.nodes.to_string() },
            pods: self.pods.to_string(),
            settings: self.settings.to_string(),
            k8s: self.minor,
            pod_security: self.pod_security.to_string(),
            generated_nodes: self.generated,
        }
    }

    /// Bytes of the inputs a snapshot would carry (checked before serializing one).
    pub fn snapshot_bytes(&self) -> usize {
        let nodes = if self.generated.is_some() { 0 } else { self.nodes.len() };
        self.ds.len() + nodes + self.pods.len() + self.settings.len()
    }

    /// What the worker evaluates for this state.
    pub fn request(&self) -> Request {
        Request {
            rev: self.rev,
            ds: self.ds.clone(),
            pods: self.pods.clone(),
            settings: self.settings.clone(),
            minor: self.minor,
            pod_security: self.pod_security.clone(),
            nodes_rev: self.nodes_rev,
            nodes: self.nodes.clone(),
            generate: self.generated.filter(|_| self.nodes.is_empty()),
        }
    }

    fn load(&mut self, s: Snapshot) {
        self.ds_preset = presets::DAEMONSETS.iter().find(|p| p.text == s.ds).map(|p| p.id);
        self.ds = AttrValue::from(s.ds);
        match s.generated_nodes.filter(|n| (1..=presets::GENERATED_NODES * 4).contains(n)) {
            Some(n) => {
                self.nodes = AttrValue::default();
                self.generated = Some(n);
                self.cluster_preset = presets::CLUSTERS.iter().find(|c| c.generated == Some(n)).map(|c| c.id);
            }
            None => {
                self.cluster_preset = presets::CLUSTERS.iter().find(|c| c.text == Some(s.nodes.as_str())).map(|c| c.id);
                self.nodes = AttrValue::from(s.nodes);
                self.generated = None;
            }
        }
        self.nodes_rev += 1;
        self.pods = AttrValue::from(s.pods);
        self.settings = AttrValue::from(s.settings);
        self.minor = if MINORS.contains(&s.k8s) { s.k8s } else { DEFAULT_MINOR };
        self.pod_security = AttrValue::from(pod_security_level(&s.pod_security).to_string());
    }

    fn inputs(&self) -> Inputs {
        Inputs {
            ds: self.ds.clone(),
            nodes: self.nodes.clone(),
            pods: self.pods.clone(),
            settings: self.settings.clone(),
            ds_preset: self.ds_preset,
            cluster_preset: self.cluster_preset,
            generated: self.generated,
        }
    }

    /// Before replacing the editors' texts: keep them for Undo when the user wrote any of them.
    fn keep_for_undo(&mut self) {
        let own = (self.ds_preset.is_none() && !self.ds.is_empty())
            || (self.cluster_preset.is_none() && !self.nodes.is_empty())
            || !self.pods.is_empty()
            || !self.settings.is_empty();
        self.undo = own.then(|| Rc::new(self.inputs()));
    }

    fn changed(&mut self) {
        self.rev += 1;
        self.share = None;
        self.status = None;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetDs(t) => {
                s.undo = None;
                s.ds = t;
                s.ds_preset = None;
                s.changed();
            }
            Action::SetNodes(t) => {
                s.undo = None;
                s.nodes = t;
                s.nodes_rev += 1;
                s.cluster_preset = None;
                s.generated = None;
                s.table.page = 0;
                s.changed();
            }
            Action::SetPods(t) => {
                s.undo = None;
                s.pods = t;
                s.changed();
            }
            Action::SetSettings(t) => {
                s.undo = None;
                s.settings = t;
                s.changed();
            }
            Action::SetMinor(m) => {
                s.minor = if MINORS.contains(&m) { m } else { DEFAULT_MINOR };
                s.changed();
            }
            Action::SetPodSecurity(l) => {
                s.pod_security = AttrValue::from(pod_security_level(&l).to_string());
                s.changed();
            }
            Action::PickDs(id) => {
                s.keep_for_undo();
                s.pick_ds(id);
                s.selected = 0;
                s.changed();
            }
            Action::PickCluster(id) => {
                s.keep_for_undo();
                s.pick_cluster(id);
                s.table = Table::default();
                s.changed();
            }
            Action::Load(snap) => {
                s.load(snap);
                s.selected = 0;
                s.table = Table::default();
                s.changed();
            }
            Action::Reset => {
                s.keep_for_undo();
                let fresh = State::new(s.lang, s.theme);
                s = State { rev: s.rev + 1, nodes_rev: s.nodes_rev + 1, result: s.result.clone(), undo: s.undo.clone(), ..fresh };
            }
            Action::DismissHint => s.first_run = false,
            Action::ApplyDs(t) => {
                s.ds = t;
                s.ds_preset = None;
                s.ds_edit += 1;
                s.changed();
            }
            Action::Undo => {
                if let Some(u) = s.undo.take() {
                    let u = (*u).clone();
                    s.nodes_rev += 1;
                    (s.ds, s.nodes, s.pods, s.settings) = (u.ds, u.nodes, u.pods, u.settings);
                    (s.ds_preset, s.cluster_preset, s.generated) = (u.ds_preset, u.cluster_preset, u.generated);
                    s.changed();
                }
            }
            Action::Evaluated(e) => {
                // Results arrive in request order; an older one never replaces a newer one.
                if s.result.as_ref().is_some_and(|r| r.rev > e.rev) {
                    return self;
                }
                if s.selected >= e.objects.len() {
                    s.selected = 0;
                }
                s.engine_error = None;
                s.result = Some(e);
            }
            Action::NodesText(rev, text) => {
                if rev != s.nodes_rev || s.generated.is_none() {
                    return self;
                }
                s.nodes = text;
            }
            Action::Reveal(pane, start, end) => {
                let seq = s.reveal.map_or(1, |(_, r)| r.seq + 1);
                s.reveal = Some((pane, Reveal { start, end, seq }));
            }
            Action::EngineError(e) => s.engine_error = Some(e),
            Action::SetLang(l) => s.lang = l,
            Action::ToggleTheme => {
                s.theme = match s.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                }
            }
            Action::Status(st) => s.status = st,
            Action::Share(t) => s.share = t,
            Action::Select(i) => {
                s.selected = i;
                s.table = Table::default();
            }
            Action::Filter(f) => {
                s.table.filter = f;
                s.table.page = 0;
            }
            Action::Reason(r) => {
                s.table.reason = r;
                s.table.page = 0;
            }
            Action::Query(q) => {
                s.table.query = q;
                s.table.page = 0;
            }
            Action::Page(p) => s.table.page = p,
            Action::ToggleHelp => s.help = !s.help,
        }
        Rc::new(s)
    }
}
