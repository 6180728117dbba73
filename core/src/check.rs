//! The pipeline: bytes → documents → objects → decode → defaults → validate → place → report.

use crate::codes;
use crate::decode::{Decoded, decode_for, decode_stored};
use crate::diagnostic::{Diagnostic, Severity, Span, Stage};
use crate::model::apps::{DaemonSet, DaemonSetV1beta1};
use crate::model::cluster::{AdmissionConfiguration, Namespace, PodSecurityConfiguration, PriorityClass, RuntimeClass};
use crate::model::node::Node as KNode;
use crate::model::pod::Pod;
use crate::objects::{self, DaemonSetVersion, Kind};
use crate::place::{self, Cluster};
use crate::podsecurity::LevelVersion;
use crate::report::{ObjectReport, Report, SCHEMA_VERSION};
use crate::source::locate::locate;
use crate::source::tree::Node;
use crate::source::{self, Limits, ProblemKind, SourceFile, SourceProblem};
use crate::validate::{self, ValidationOptions};
use crate::version::KubeVersion;

/// One input: a name (file path, `-`, a tab title) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
        Input { name, bytes }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub version: KubeVersion,
    pub limits: Limits,
    /// `--allow-privileged` of the simulated API server.
    pub allow_privileged: bool,
    /// `--pod-security LEVEL[:VERSION]`: the enforce level of the DaemonSets' namespaces, as if
    /// labelled so (a Namespace object in the inputs is used otherwise).
    pub pod_security: Option<LevelVersion>,
    /// One DS006 finding per object everynode does not check, instead of one summary per input
    /// (`--verbose`).
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { version: KubeVersion::DEFAULT, limits: Limits::default(), allow_privileged: true, pod_security: None, verbose: false }
    }
}

/// Check DaemonSets in `inputs` (which may also hold Nodes and Pods), placing them on the
/// Nodes found in `inputs` and `nodes`, with the existing Pods of `inputs` and `pods`.
pub fn check(inputs: &[Input<'_>], nodes: &[Input<'_>], pods: &[Input<'_>], opts: &Options) -> Report {
    let all = inputs
        .iter()
        .map(|i| (i, InputRole::Main))
        .chain(nodes.iter().map(|i| (i, InputRole::Nodes)))
        .chain(pods.iter().map(|i| (i, InputRole::Pods)));
    let reads: Vec<InputRead> = all.map(|(input, role)| read_input(input.name, input.bytes.into(), role, opts)).collect();
    assemble(reads, opts)
}

/// What an input is given as: a file to check, or cluster state (`--nodes`, `--pods`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputRole {
    Main,
    Nodes,
    Pods,
}

/// One input read on its own: its findings, its objects' reports (validated, not yet placed) and
/// what it adds to the cluster. Inputs do not depend on each other until [`assemble`], so a front
/// end with threads may read them in parallel; `check` is `read_input` on each input in order,
/// then `assemble` — the report is the same however the reads were scheduled.
pub struct InputRead {
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
    objects: Vec<ObjectReport>,
    cluster: Cluster,
    /// DaemonSets to place (`Pending::object` is an index into `objects`).
    daemonsets: Vec<Pending>,
    saw_nodes: bool,
}

/// Read one input (owned bytes are used in place: the input's text is not copied).
pub fn read_input(name: &str, bytes: std::borrow::Cow<'_, [u8]>, role: InputRole, opts: &Options) -> InputRead {
    let (file, encoding) = source::decode_text_cow(name, bytes);
    let mut reader = Reader::new(opts);
    for p in &encoding {
        reader.diagnostics.push(problem_diagnostic(&file, p));
    }
    // First, streaming: each document (and each item of a `List`) is checked as soon as it is
    // parsed, and its tree dropped — one object's tree at a time, never the whole input's. An
    // input with a syntax or limit problem, or whose streamed items turn out not to be a
    // `List`'s, is read again the ordinary way (which reports the problem).
    let mut stream = Stream { reader, file: &file, role, any_object: false, failed: false };
    if source::parse_streaming(&file, &opts.limits, &mut stream) && !stream.failed {
        let Stream { mut reader, any_object, .. } = stream;
        reader.finish_input(&file, role, any_object, true);
        return reader.into_read(file);
    }
    drop(stream);
    read_whole(file, &encoding, role, opts)
}

/// Read one input the ordinary way: parse it whole (with recovery after syntax errors), then
/// check its documents.
fn read_whole(file: SourceFile, encoding: &[SourceProblem], role: InputRole, opts: &Options) -> InputRead {
    let mut reader = Reader::new(opts);
    for p in encoding {
        reader.diagnostics.push(problem_diagnostic(&file, p));
    }
    let source::Parsed { file, documents, problems } = source::parse(file, &opts.limits);
    for p in &problems {
        reader.diagnostics.push(problem_diagnostic(&file, p));
    }
    // A node list that parses is the cluster, even when it holds no node (`kubectl get nodes
    // -o yaml` on an empty cluster): placement then reports 0 of 0 nodes.
    let mut any_object = false;
    for (doc_index, doc) in documents.iter().enumerate() {
        any_object |= reader.read_document(&file, doc_index, &doc.root, role);
    }
    // The tree goes before the text joins the report (one copy of the input at a time).
    drop(documents);
    reader.finish_input(&file, role, any_object, problems.is_empty());
    reader.into_read(file)
}

/// The report of inputs read by [`read_input`], in the order given: pod security and placement of
/// every DaemonSet on the cluster they make together.
pub fn assemble(reads: impl IntoIterator<Item = InputRead>, opts: &Options) -> Report {
    let mut run = Run {
        report: Report {
            schema_version: SCHEMA_VERSION,
            kubernetes_version: opts.version.to_string(),
            diagnostics: Vec::new(),
            objects: Vec::new(),
            sources: Vec::new(),
        },
        cluster: Cluster::default(),
        daemonsets: Vec::new(),
        saw_nodes: false,
        opts,
    };
    for read in reads {
        run.add(read);
    }
    run.cluster.pod_security = opts.pod_security;
    run.pod_security();
    if run.saw_nodes || !run.cluster.nodes.is_empty() {
        run.place_daemonsets();
    }
    run.report
}

/// A DaemonSet waiting for placement: where its report is, and which input it came from (an
/// index: two inputs may have the same name).
struct Pending {
    object: usize,
    source: usize,
    daemonset: DaemonSet,
}

/// The state of one `assemble` call.
struct Run<'o> {
    report: Report,
    cluster: Cluster,
    daemonsets: Vec<Pending>,
    saw_nodes: bool,
    opts: &'o Options,
}

impl Run<'_> {
    /// Join one input's findings, objects and cluster state, in input order.
    fn add(&mut self, read: InputRead) {
        let InputRead { file, mut diagnostics, objects, cluster, daemonsets, saw_nodes } = read;
        let source = self.report.sources.len();
        let first_object = self.report.objects.len();
        self.report.diagnostics.append(&mut diagnostics);
        self.report.objects.extend(objects.into_iter().map(|mut o| {
            o.source = source;
            o
        }));
        self.daemonsets.extend(daemonsets.into_iter().map(|p| Pending { object: first_object + p.object, source, daemonset: p.daemonset }));
        let Cluster { nodes, pods, priority_classes, runtime_classes, namespaces, pod_security: _, pod_security_config } = cluster;
        self.cluster.nodes.extend(nodes);
        self.cluster.pods.extend(pods);
        self.cluster.priority_classes.extend(priority_classes);
        self.cluster.runtime_classes.extend(runtime_classes);
        self.cluster.namespaces.extend(namespaces);
        if pod_security_config.is_some() {
            self.cluster.pod_security_config = pod_security_config;
        }
        self.saw_nodes |= saw_nodes;
        self.report.sources.push(file);
    }

    /// Pod Security of every decoded DaemonSet in its namespace (the warning kubectl prints on
    /// create), once every input (Namespaces too) is read.
    fn pod_security(&mut self) {
        for Pending { object, source, daemonset } in &self.daemonsets {
            let mut found = crate::podsecurity::admission::daemonset_diagnostics(daemonset, &self.cluster, self.opts.version);
            locate_in(self.report.sources.get(*source), &mut found);
            let Some(obj) = self.report.objects.get_mut(*object) else { continue };
            obj.diagnostics.append(&mut found);
            obj.valid = !obj.diagnostics.iter().any(Diagnostic::is_error);
        }
    }

    /// Place every decoded DaemonSet on the cluster; its placement findings are located in the
    /// input it came from.
    fn place_daemonsets(&mut self) {
        for Pending { object, source, daemonset } in &self.daemonsets {
            let mut result = place::place(daemonset, &self.cluster, self.opts.version);
            locate_in(self.report.sources.get(*source), &mut result.diagnostics);
            let Some(obj) = self.report.objects.get_mut(*object) else { continue };
            obj.diagnostics.append(&mut result.diagnostics);
            obj.valid = !obj.diagnostics.iter().any(Diagnostic::is_error);
            obj.placement = Some(result.placement);
        }
    }
}

/// The streaming reader's sink: documents and `List` items as the parser completes them.
struct Stream<'o, 'f> {
    reader: Reader<'o>,
    file: &'f SourceFile,
    role: InputRole,
    any_object: bool,
    /// Items were streamed from a document that is not a `List` with one `items` key: the input
    /// must be read again without streaming.
    failed: bool,
}

impl source::Sink for Stream<'_, '_> {
    fn item(&mut self, document: usize, index: usize, node: Node) {
        if self.failed {
            return;
        }
        self.any_object = true;
        self.reader.read_object(Unit { file: self.file, document, item: Some(index), root: &node }, self.role);
    }

    fn document(&mut self, index: usize, doc: source::ParsedDocument, items_streamed: bool) {
        if self.failed {
            return;
        }
        if items_streamed {
            let items_keys = doc.root.as_map().map_or(0, |m| m.iter().filter(|e| e.key == "items").count());
            if objects::classify(&doc.root) != Kind::List || items_keys != 1 {
                self.failed = true;
                return;
            }
        }
        self.any_object |= self.reader.read_document(self.file, index, &doc.root, self.role);
    }
}

/// The reading of one input (what becomes an [`InputRead`]).
struct Reader<'o> {
    diagnostics: Vec<Diagnostic>,
    objects: Vec<ObjectReport>,
    cluster: Cluster,
    daemonsets: Vec<Pending>,
    saw_nodes: bool,
    /// The kinds everynode does not check, in the input being read (kind, apiVersion, the first
    /// one's span).
    skipped: Vec<(String, String, Option<Span>)>,
    opts: &'o Options,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o Options) -> Reader<'o> {
        Reader {
            diagnostics: Vec::new(),
            objects: Vec::new(),
            cluster: Cluster::default(),
            daemonsets: Vec::new(),
            saw_nodes: false,
            skipped: Vec::new(),
            opts,
        }
    }

    fn into_read(self, file: SourceFile) -> InputRead {
        let Reader { diagnostics, objects, cluster, daemonsets, saw_nodes, .. } = self;
        InputRead { file, diagnostics, objects, cluster, daemonsets, saw_nodes }
    }

    /// The objects of one document; whether it held any.
    fn read_document(&mut self, file: &SourceFile, document: usize, root: &Node, role: InputRole) -> bool {
        let mut any_object = false;
        for (item, root) in self.units(file, root) {
            any_object = true;
            self.read_object(Unit { file, document, item, root }, role);
        }
        any_object
    }

    /// After the last document: the DS006 summary, the empty-input warning. `parsed`: the input
    /// had no syntax or limit problem.
    fn finish_input(&mut self, file: &SourceFile, role: InputRole, any_object: bool, parsed: bool) {
        // A node list that parses is the cluster, even when it holds no node (`kubectl get nodes
        // -o yaml` on an empty cluster): placement then reports 0 of 0 nodes.
        self.saw_nodes |= role == InputRole::Nodes && parsed;
        let first = self.skipped.iter().find_map(|s| s.2);
        if let Some(d) = skipped_summary(std::mem::take(&mut self.skipped)) {
            self.diagnostics.push(match first {
                Some(span) => at(file, &span, d),
                None => with_file(file, d),
            });
        }
        if !any_object && parsed && role == InputRole::Main {
            self.diagnostics
                .push(with_file(file, Diagnostic::warning(codes::EMPTY_INPUT, Stage::Syntax, "no Kubernetes objects found in the input")));
        }
    }

    /// The objects of a document: its items when it is a `List`, else the document itself.
    fn units<'n>(&mut self, file: &SourceFile, root: &'n Node) -> Vec<(Option<usize>, &'n Node)> {
        match objects::classify(root) {
            Kind::Empty => Vec::new(),
            Kind::List => match root.get("items") {
                None => Vec::new(),
                Some(items) => match items.as_seq() {
                    Some(seq) => seq.iter().enumerate().map(|(i, n)| (Some(i), n)).collect(),
                    None if matches!(items.value, crate::source::tree::Value::Null) => Vec::new(),
                    None => {
                        self.diagnostics.push(at(
                            file,
                            &items.span,
                            Diagnostic::error(codes::NOT_AN_OBJECT, Stage::Syntax, "items of a List must be a sequence of objects"),
                        ));
                        Vec::new()
                    }
                },
            },
            _ => vec![(None, root)],
        }
    }

    fn read_object(&mut self, unit: Unit<'_>, role: InputRole) {
        self.sort_object(&unit, role);
    }

    fn sort_object(&mut self, unit: &Unit<'_>, role: InputRole) {
        let &Unit { file, document, item, root } = unit;
        match objects::classify(root) {
            Kind::DaemonSet(_) if role != InputRole::Main => self.diagnostics.push(at(
                file,
                &root.span,
                Diagnostic::warning(
                    codes::SKIPPED_KIND,
                    Stage::Syntax,
                    "a DaemonSet in the --nodes/--pods input is not checked; pass it as a file to check",
                ),
            )),
            Kind::DaemonSet(v) => {
                let (obj, ds) = check_daemonset(file, document, item, root, v, self.opts);
                if let Some(daemonset) = ds {
                    self.daemonsets.push(Pending { object: self.objects.len(), source: 0, daemonset });
                }
                self.objects.push(obj);
            }
            Kind::Node => {
                self.saw_nodes = true;
                let decoded: Decoded<KNode> = decode_stored(root, self.opts.version);
                let (obj, valid) = side_object(file, document, item, root, decoded.diagnostics);
                let usable = decoded.value.filter(|n| !n.metadata.name.is_empty());
                if usable.is_none() || !valid || !obj.diagnostics.is_empty() {
                    self.objects.push(with_name_check(obj, root, file));
                }
                if let Some(mut n) = usable {
                    place::keep_for_placement(&mut n);
                    self.cluster.nodes.push(n);
                }
            }
            Kind::Pod => {
                let decoded: Decoded<Pod> = decode_stored(root, self.opts.version);
                let (obj, _) = side_object(file, document, item, root, decoded.diagnostics);
                if !obj.diagnostics.is_empty() {
                    self.objects.push(obj);
                }
                if let Some(p) = decoded.value {
                    self.cluster.pods.push(p);
                }
            }
            Kind::PriorityClass => {
                let decoded: Decoded<PriorityClass> = decode_stored(root, self.opts.version);
                if let Some(pc) = self.side_input(unit, decoded, |p: &PriorityClass| &p.metadata.name) {
                    self.cluster.priority_classes.push(pc);
                }
            }
            Kind::RuntimeClass => {
                let decoded: Decoded<RuntimeClass> = decode_stored(root, self.opts.version);
                if let Some(rc) = self.side_input(unit, decoded, |r: &RuntimeClass| &r.metadata.name) {
                    self.cluster.runtime_classes.push(rc);
                }
            }
            Kind::Namespace => {
                let decoded: Decoded<Namespace> = decode_stored(root, self.opts.version);
                if let Some(ns) = self.side_input(unit, decoded, |n: &Namespace| &n.metadata.name) {
                    self.cluster.namespaces.push(ns);
                }
            }
            Kind::PodSecurityConfiguration => {
                if objects::type_meta(root).kind == "AdmissionConfiguration" {
                    let decoded: Decoded<AdmissionConfiguration> = decode_stored(root, self.opts.version);
                    if let Some(ac) = self.side_input(unit, decoded, |_: &AdmissionConfiguration| "-") {
                        let psa = ac.plugins.into_iter().filter(|p| p.name == "PodSecurity").find_map(|p| p.configuration);
                        if let Some(c) = psa.and_then(|v| serde_json::from_value::<PodSecurityConfiguration>(v).ok()) {
                            self.cluster.pod_security_config = Some(c);
                        }
                    }
                } else {
                    let decoded: Decoded<PodSecurityConfiguration> = decode_stored(root, self.opts.version);
                    if let Some(c) = self.side_input(unit, decoded, |_: &PodSecurityConfiguration| "-") {
                        self.cluster.pod_security_config = Some(c);
                    }
                }
            }
            Kind::List => {
                self.diagnostics.push(at(file, &root.span, Diagnostic::info(codes::SKIPPED_KIND, Stage::Syntax, "nested List skipped")))
            }
            Kind::Other if !self.opts.verbose => {
                let tm = objects::type_meta(root);
                let first = self.skipped.is_empty().then_some(root.span);
                self.skipped.push((tm.kind, tm.api_version, first));
            }
            Kind::Other => {
                let tm = objects::type_meta(root);
                let (name, _) = objects::name_and_namespace(root);
                self.diagnostics.push(at(
                    file,
                    &root.span,
                    Diagnostic::info(
                        codes::SKIPPED_KIND,
                        Stage::Syntax,
                        format!("{} {:?} ({}) is not checked by everynode", tm.kind, name, tm.api_version),
                    ),
                ));
            }
            Kind::Untyped => self.diagnostics.push(at(file, &root.span, missing_type_meta(root))),
            Kind::NotAnObject => self.diagnostics.push(at(
                file,
                &root.span,
                Diagnostic::error(
                    codes::NOT_AN_OBJECT,
                    Stage::Syntax,
                    format!("document {document} is a {}, not an object", root.json_type()),
                )
                .with_help("a manifest document must be a mapping with apiVersion, kind and metadata"),
            )),
            Kind::Empty => {}
        }
    }

    /// A cluster object read for placement (PriorityClass, RuntimeClass): its decoding findings
    /// are reported on it; a usable one (decoded, named) joins the cluster.
    fn side_input<T>(&mut self, unit: &Unit<'_>, decoded: Decoded<T>, name: impl Fn(&T) -> &str) -> Option<T> {
        let (obj, _) = side_object(unit.file, unit.document, unit.item, unit.root, decoded.diagnostics);
        if !obj.diagnostics.is_empty() {
            self.objects.push(obj);
        }
        decoded.value.filter(|v| !name(v).is_empty())
    }
}

/// DS006 for the objects of one input everynode does not check: one line, kinds with counts
/// (`helm template` output holds dozens), at the first of them.
fn skipped_summary(skipped: Vec<(String, String, Option<Span>)>) -> Option<Diagnostic> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (kind, api, _) in &skipped {
        let label = format!("{kind} ({api})");
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some(c) => c.1 += 1,
            None => counts.push((label, 1)),
        }
    }
    if counts.is_empty() {
        return None;
    }
    let list: Vec<String> = counts.iter().map(|(l, n)| format!("{n} {l}")).collect();
    let n = skipped.len();
    Some(
        Diagnostic::info(
            codes::SKIPPED_KIND,
            Stage::Syntax,
            format!("{n} object(s) of kinds everynode does not check: {}", list.join(", ")),
        )
        .with_help("--verbose lists each object"),
    )
}

/// Line and column for the diagnostics that have a span, in the input they came from (found by
/// index, not by name: two inputs may share a name).
fn locate_in(file: Option<&SourceFile>, diags: &mut [Diagnostic]) {
    let Some(file) = file else { return };
    for d in diags {
        if let Some(span) = d.span {
            d.location = Some(file.lines.location(&file.text, span));
        }
    }
}

/// One object of an input: the file, the document and `List` item indices.
struct Unit<'a> {
    file: &'a SourceFile,
    document: usize,
    item: Option<usize>,
    root: &'a Node,
}

/// kubectl's client-side check (`error validating data: ...`).
fn missing_type_meta(root: &Node) -> Diagnostic {
    let tm = objects::type_meta(root);
    let missing = match (tm.api_version.is_empty(), tm.kind.is_empty()) {
        (true, true) => "error validating data: [apiVersion not set, kind not set]",
        (true, false) => "error validating data: apiVersion not set",
        _ => "error validating data: kind not set",
    };
    Diagnostic::error(codes::MISSING_TYPE_META, Stage::Syntax, missing)
        .with_help("every Kubernetes object needs `apiVersion` and `kind`; a DaemonSet uses `apiVersion: apps/v1` and `kind: DaemonSet`")
}

/// Check one DaemonSet document; returns its report and the defaulted object for placement
/// (None when decoding failed, as the API server would stop there).
fn check_daemonset(
    file: &SourceFile,
    document: usize,
    item: Option<usize>,
    root: &Node,
    version: DaemonSetVersion,
    opts: &Options,
) -> (ObjectReport, Option<DaemonSet>) {
    let mut diags: Vec<Diagnostic> = Vec::new();

    let mut ds: Option<DaemonSet> = match version {
        DaemonSetVersion::ExtensionsV1beta1 => {
            let legacy: Decoded<DaemonSetV1beta1> = decode_for(root, opts.version);
            diags.extend(legacy.diagnostics);
            legacy
                .value
                .and_then(|_| decode_for::<DaemonSet>(root, opts.version).value.map(|ds| crate::migrate::legacy_to_apps_v1(ds, version)))
        }
        _ => {
            let d: Decoded<DaemonSet> = decode_for(root, opts.version);
            diags.extend(d.diagnostics);
            d.value.map(|ds| crate::migrate::legacy_to_apps_v1(ds, version))
        }
    };
    if version.is_legacy() {
        let loc = root.get_entry("apiVersion").map(|e| e.value.span).unwrap_or(root.span);
        diags.insert(
            0,
            Diagnostic::error(codes::LEGACY_API_VERSION, Stage::Decode, format!("no matches for kind \"DaemonSet\" in version \"{}\"", version.api_version()))
                .with_path("apiVersion")
                .with_span(loc)
                .with_help(format!(
                    "{} DaemonSets are not served since Kubernetes 1.16; use `apiVersion: apps/v1` (run `everynode migrate {}` to convert). The findings below are for the apps/v1 equivalent.",
                    version.api_version(),
                    file.name
                )),
        );
    }
    if let Some(ds) = ds.as_mut() {
        // A legacy apiVersion is reported above; what follows is for the apps/v1 equivalent.
        let failed = |diags: &[Diagnostic], stage: Option<Stage>| {
            diags.iter().any(|d| d.is_error() && d.code != codes::LEGACY_API_VERSION && stage.is_none_or(|s| d.stage == s))
        };
        // The create handler de-duplicates owner references once the body decoded, before
        // validation (so with a warning even for an invalid object).
        let mut warnings = Vec::new();
        if !failed(&diags, Some(Stage::Decode)) {
            let (warning, kept) = validate::warnings::dedup_owner_references(&ds.metadata);
            if let Some(w) = warning {
                ds.metadata.owner_references = kept;
                warnings.push(w);
            }
        }
        crate::defaults::apply_daemonset(ds, opts.version);
        // PrepareForCreate, after the decoder's defaulting as in the API server.
        crate::drop_disabled::drop_disabled_template_fields(&mut ds.spec.template, opts.version);
        let vopts = ValidationOptions { version: opts.version, allow_privileged: opts.allow_privileged };
        let mut seen = std::collections::HashSet::new();
        for (rule, err) in validate::validate_daemonset(ds, &vopts) {
            let message = err.message(opts.version);
            // The status causes keep repeated errors until 1.36 (only the message's ToAggregate
            // drops them); 1.37's create path returns each cause once (seen with the oracle).
            if !seen.insert(message.clone()) && opts.version.at_least(37) {
                continue;
            }
            diags.push(Diagnostic::validation_error(rule, message).with_cause(err.cause).with_path(err.path.as_str()));
        }
        // rest.BeforeCreate calls WarningsOnCreate only once validation passed.
        if !failed(&diags, None) {
            warnings.extend(validate::warnings::warnings_on_create(ds, opts.version));
        }
        // The API server's warning recorder drops repeated texts.
        let mut seen = std::collections::HashSet::new();
        for w in warnings {
            if seen.insert(w.text.clone()) {
                diags.push(Diagnostic::warning(codes::APISERVER_WARNING, Stage::Validation, w.text).with_path(w.path));
            }
        }
    }
    (object_report(file, document, item, root, diags), ds)
}

/// An object's report: its diagnostics located in the source, `valid` derived from them.
fn object_report(file: &SourceFile, document: usize, item: Option<usize>, root: &Node, mut diags: Vec<Diagnostic>) -> ObjectReport {
    let tm = objects::type_meta(root);
    let (name, namespace) = objects::name_and_namespace(root);
    for d in &mut diags {
        locate_diagnostic(file, root, d);
    }
    let valid = !diags.iter().any(Diagnostic::is_error);
    ObjectReport {
        file: file.name.clone(),
        document,
        item,
        api_version: tm.api_version,
        kind: tm.kind,
        namespace,
        name,
        valid,
        diagnostics: diags,
        placement: None,
        source: 0,
    }
}

/// A Node or Pod document: decode diagnostics only (its problems are reported, and placement
/// goes on with the good ones).
fn side_object(file: &SourceFile, document: usize, item: Option<usize>, root: &Node, mut diags: Vec<Diagnostic>) -> (ObjectReport, bool) {
    for d in &mut diags {
        if d.code == codes::UNKNOWN_FIELD || d.code == codes::DUPLICATE_FIELD {
            // Unknown fields in cluster data are usually newer API fields: do not fail on them.
            d.severity = Severity::Warning;
        }
    }
    let obj = object_report(file, document, item, root, diags);
    let valid = obj.valid;
    (obj, valid)
}

/// Nodes without a name cannot be placed on.
fn with_name_check(mut obj: ObjectReport, root: &Node, file: &SourceFile) -> ObjectReport {
    if obj.name.is_empty() && obj.diagnostics.iter().all(|d| d.code != codes::WRONG_TYPE) {
        let mut d =
            Diagnostic::error(codes::NODE_OBJECT, Stage::Validation, "metadata.name: Required value: name or generateName is required")
                .with_cause(crate::diagnostic::CauseType::FieldValueRequired)
                .with_path("metadata.name")
                .with_help("a Node without a name is ignored for placement");
        locate_diagnostic(file, root, &mut d);
        obj.diagnostics.push(d);
        obj.valid = false;
    }
    obj
}

/// Give a diagnostic a span (from its path when it has none) and a line/column.
pub fn locate_diagnostic(file: &SourceFile, root: &Node, d: &mut Diagnostic) {
    if d.span.is_none() {
        if let Some(path) = &d.path {
            let l = locate(root, path);
            let span = if l.exact { l.value } else { l.key.unwrap_or(Span::new(l.value.start, l.value.start)) };
            d.span = Some(first_line(file, span));
        } else {
            d.span = Some(Span::new(root.span.start, root.span.start));
        }
    }
    if let Some(span) = d.span {
        d.location = Some(file.lines.location(&file.text, span));
    }
}

/// Long spans (whole mappings) are cut to their first line for display.
fn first_line(file: &SourceFile, span: Span) -> Span {
    let text = &file.text[span.start.min(file.text.len())..span.end.min(file.text.len())];
    match text.find(['\n', '\r']) {
        Some(i) => Span::new(span.start, span.start + i),
        None => span,
    }
}

fn with_file(file: &SourceFile, mut d: Diagnostic) -> Diagnostic {
    d.file = Some(file.name.clone());
    if d.span.is_none() {
        d.span = Some(Span::new(0, 0));
    }
    if let Some(span) = d.span {
        d.location = Some(file.lines.location(&file.text, span));
    }
    d
}

fn at(file: &SourceFile, span: &Span, d: Diagnostic) -> Diagnostic {
    with_file(file, d.with_span(first_line(file, *span)))
}

fn problem_diagnostic(file: &SourceFile, p: &SourceProblem) -> Diagnostic {
    let d = match p.kind {
        ProblemKind::Syntax => {
            let message = match p.message.strip_prefix("yaml: ") {
                Some(rest) => {
                    let (line, _, _) = file.lines.position(&file.text, p.span.start);
                    format!("error converting YAML to JSON: yaml: line {line}: {rest}")
                }
                None => p.message.clone(),
            };
            Diagnostic::error(codes::YAML_SYNTAX, Stage::Syntax, message)
                .with_help("fix the syntax here; documents after the next `---` are still checked")
        }
        ProblemKind::Limit => Diagnostic::error(codes::INPUT_LIMIT, Stage::Syntax, p.message.clone()).with_help("see docs/limits.md"),
        ProblemKind::Encoding => {
            Diagnostic::error(codes::INPUT_ENCODING, Stage::Syntax, p.message.clone()).with_help("save the file as UTF-8 text")
        }
    };
    with_file(file, d.with_span(p.span))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: NAME, namespace: default}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: i}]}\n";
    const NODE: &[u8] = b"apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {allocatable: {pods: '110'}}\n";

    /// `kubectl get nodes -o yaml` on a cluster without nodes: a placement on 0 of 0 nodes.
    #[test]
    fn an_empty_node_list_is_a_placement_on_no_node() {
        let ds = DS.replace("NAME", "agent");
        let empty = b"apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n";
        let report = check(&[Input::new("ds.yaml", ds.as_bytes())], &[Input::new("nodes.yaml", empty)], &[], &Options::default());
        let obj = report.objects.first().expect("the DaemonSet");
        let p = obj.placement.as_ref().expect("a placement");
        assert_eq!((p.summary.nodes, p.summary.desired, p.summary.scheduled), (0, 0, 0));
        assert!(obj.diagnostics.iter().any(|d| d.code == codes::NO_NODES), "{:?}", obj.diagnostics);
        // A node list that does not parse is not an empty cluster.
        let broken = check(&[Input::new("ds.yaml", ds.as_bytes())], &[Input::new("nodes.yaml", b"items: [")], &[], &Options::default());
        assert!(broken.objects.first().is_some_and(|o| o.placement.is_none()));
    }

    /// Streaming (documents and `List` items checked as parsed) gives the report of reading the
    /// whole input first, also for the inputs that make it fall back.
    #[test]
    fn streaming_reads_give_the_report_of_whole_reads() {
        let ds = DS.replace("NAME", "agent");
        let node = |n: &str| format!("{{apiVersion: v1, kind: Node, metadata: {{name: {n}}}, status: {{allocatable: {{pods: '110'}}}}}}");
        let json_node = |n: &str| format!(r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"{n}"}},"spec":{{"bogus":1}}}}"#);
        let cases: Vec<String> = vec![
            format!("apiVersion: v1\nitems:\n- {}\n- {}\nkind: List\n", node("a"), node("b")),
            format!("{}---\napiVersion: v1\nitems:\n- {}\nkind: NodeList\n---\n{}", ds, node("a"), node("c")),
            // not a List: its `items` are not objects to check
            format!("apiVersion: x/v1\nkind: Foo\nmetadata: {{name: f}}\nitems:\n- {}\n", node("a")),
            format!("apiVersion: v1\nkind: List\nitems: &i\n- {}\nmetadata: {{x: *i}}\n", node("a")),
            format!("apiVersion: v1\nitems:\n- {}\nkind: List\n---\nbroken: [\n---\n{}", node("a"), node("z")),
            "apiVersion: v1\nkind: List\nitems: {a: 1}\n".to_string(),
            "apiVersion: v1\nkind: List\nitems: [1, null, [], {kind: Node}]\n".to_string(),
            format!(r#"{{"apiVersion":"v1","items":[{},{}],"kind":"List"}}"#, json_node("a"), json_node("b")),
            format!(r#"{{"apiVersion":"v1","items":[{}],"items":[{}],"kind":"List"}}"#, json_node("a"), json_node("b")),
            format!(r#"{{"apiVersion":"x/v1","items":[{}],"kind":"Foo","metadata":{{"name":"f"}}}}"#, json_node("a")),
            format!(r#"{} {{"apiVersion":"v1","items":[{}],"kind":"List"}} {}"#, json_node("p"), json_node("a"), json_node("q")),
            format!(r#"{{"apiVersion":"v1","items":[{}],"kind":"List"}} {{"#, json_node("a")),
        ];
        let opts = Options::default();
        for (i, text) in cases.iter().enumerate() {
            for role in [InputRole::Main, InputRole::Nodes] {
                let streamed = read_input("in.yaml", text.as_bytes().into(), role, &opts);
                let (file, encoding) = source::decode_text("in.yaml", text.as_bytes());
                let whole = read_whole(file, &encoding, role, &opts);
                let ds = |r: InputRead| {
                    let main = read_input("ds.yaml", ds.as_bytes().into(), InputRole::Main, &opts);
                    let report = assemble([main, r], &opts);
                    crate::render::render(&report, crate::render::Format::Json, false)
                };
                assert_eq!(ds(streamed), ds(whole), "case {i} ({role:?}):\n{text}");
            }
        }
    }

    #[test]
    fn inputs_with_one_name_keep_their_own_objects_and_sources() {
        let first = DS.replace("NAME", "first");
        let second = format!("# a comment\n# another\n---\n{}", DS.replace("NAME", "second"));
        let report = check(
            &[Input::new("same.yaml", first.as_bytes()), Input::new("same.yaml", second.as_bytes())],
            &[Input::new("nodes.yaml", NODE)],
            &[],
            &Options::default(),
        );
        let names: Vec<&str> = report.objects.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["first", "second"]);
        assert!(report.objects.iter().all(|o| o.placement.as_ref().is_some_and(|p| p.summary.scheduled == 1)));
        assert_eq!(report.sources.len(), 3);
        let sources: Vec<usize> = report.objects.iter().map(|o| o.source).collect();
        assert_eq!(sources, [0, 1]);
        // The text report quotes each object's own input: the second DaemonSet's finding points
        // at its line 4 in the second file, not into the first file.
        let text = crate::render::render(&report, crate::render::Format::Text, false);
        assert!(report.object_source(&report.objects[1]).is_some_and(|s| s.text.starts_with("# a comment")), "{text}");
    }

    #[test]
    fn placement_findings_are_located_in_their_own_input_not_the_first_of_that_name() {
        let a = SourceFile::new("same.yaml".to_string(), "x: 1\n".to_string());
        let b = SourceFile::new("same.yaml".to_string(), "a: 1\nb: 2\nc: 3\n".to_string());
        let sources = [a, b];
        let mut diags = [Diagnostic::warning(codes::NO_NODES, Stage::Placement, "m").with_span(Span::new(10, 11))];
        locate_in(sources.get(1), &mut diags);
        assert_eq!(diags[0].location.map(|l| (l.line, l.column)), Some((3, 1)));
    }
}
