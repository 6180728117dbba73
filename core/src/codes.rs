//! Stable diagnostic codes. A code is never reused or renamed; each has a page under `docs/rules/`.
//!
//! Ranges: `DS0xx` input and documents, `DS1xx` strict decoding, `DS2xx` API-server validation
//! (one code per rule family; the field error's type and message carry the exact rule),
//! `DS3xx` placement, `DS4xx` advice the API server does not give.

use serde::{Serialize, Serializer};

/// A stable diagnostic code such as `DS211`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(pub &'static str);

impl Code {
    pub fn as_str(self) -> &'static str {
        self.0
    }
    /// Relative documentation URL of the code's page.
    pub fn url(self) -> String {
        format!("docs/rules/{}.md", self.0)
    }
    /// Whether the code is retired (no check reports it), and since when.
    pub fn retired(self) -> Option<&'static Retired> {
        RETIRED.iter().find(|r| r.code == self)
    }
    /// The registry entry of this code.
    pub fn info(self) -> Option<&'static CodeInfo> {
        ALL.iter().find(|c| c.code == self)
    }
}

/// Codes no check reports any more, with the version since when and what reports it instead.
/// Their constants and pages stay (a code is never reused); `tests/docs_pages.rs` proves the page
/// says so and that its example does not produce the code.
pub static RETIRED: &[Retired] = &[
    Retired { code: POD_OBJECT, since: "0.1.0", superseded_by: "the decoding codes (DS1xx)" },
    Retired { code: DEPRECATED_FIELD, since: "0.1.0", superseded_by: "DS240" },
];

/// A retired code.
#[derive(Debug)]
pub struct Retired {
    pub code: Code,
    /// The everynode version since which nothing reports it.
    pub since: &'static str,
    /// What reports it instead.
    pub superseded_by: &'static str,
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Registry entry: the title shown in SARIF rule metadata and docs.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: Code,
    pub title: &'static str,
    pub summary: &'static str,
}

macro_rules! codes {
    ($($name:ident = $code:literal, $title:literal, $summary:literal;)*) => {
        $(pub const $name: Code = Code($code);)*
        /// Every code, in order.
        pub static ALL: &[CodeInfo] = &[$(CodeInfo { code: $name, title: $title, summary: $summary }),*];
    };
}

codes! {
    // ---- input and documents
    YAML_SYNTAX = "DS001", "YAML or JSON syntax error",
        "The bytes are not well-formed YAML or JSON; kubectl would refuse to read the file.";
    INPUT_LIMIT = "DS002", "Input limit exceeded",
        "The input exceeds one of everynode's documented limits (size, depth, documents, alias expansion).";
    NOT_AN_OBJECT = "DS003", "Document is not an object",
        "A YAML document must be a mapping with apiVersion and kind; a list or a scalar is not a Kubernetes object.";
    MISSING_TYPE_META = "DS004", "apiVersion or kind missing",
        "The object has no apiVersion or kind, so neither kubectl nor the API server can tell what it is.";
    LEGACY_API_VERSION = "DS005", "API version no longer served",
        "extensions/v1beta1 and apps/v1beta2 DaemonSets are not served since Kubernetes 1.16; use apps/v1 (`everynode migrate`).";
    SKIPPED_KIND = "DS006", "Kind not checked",
        "The document is a Kubernetes object of a kind everynode does not check; it is skipped.";
    INPUT_ENCODING = "DS007", "Input is not UTF-8 text",
        "The input contains bytes that are not valid UTF-8 or a NUL character.";
    EMPTY_INPUT = "DS008", "No objects in input",
        "The input holds no Kubernetes object.";
    // ---- strict decoding
    UNKNOWN_FIELD = "DS101", "Unknown field",
        "The API server's strict field validation rejects fields that are not part of the type (field names are case-sensitive).";
    DUPLICATE_FIELD = "DS102", "Duplicate field",
        "A mapping has the same key twice; strict field validation rejects it, and otherwise the last value silently wins.";
    WRONG_TYPE = "DS103", "Wrong value type",
        "The value has the wrong JSON type for the field (for example an unquoted `true` where a string is expected).";
    BAD_QUANTITY = "DS104", "Malformed quantity",
        "A resource quantity does not match the Kubernetes quantity syntax.";
    BAD_TIME = "DS105", "Malformed time",
        "A timestamp is not RFC 3339.";
    // ---- validation (one code per rule family)
    META = "DS201", "Object metadata",
        "metadata.name, namespace, labels and annotations must be valid (ValidateObjectMeta).";
    SELECTOR = "DS202", "Selector and template labels",
        "spec.selector must be valid, non-empty, and match spec.template.metadata.labels.";
    UPDATE_STRATEGY = "DS203", "Update strategy",
        "spec.updateStrategy and its rollingUpdate values (maxUnavailable, maxSurge) must be valid.";
    DAEMONSET_SPEC = "DS204", "DaemonSet spec fields",
        "minReadySeconds, revisionHistoryLimit, restartPolicy and activeDeadlineSeconds rules specific to DaemonSets.";
    TEMPLATE_META = "DS205", "Pod template metadata",
        "Template labels and annotations must be valid.";
    CONTAINERS = "DS210", "Containers",
        "Container names, images, policies and the container list itself.";
    PORTS = "DS211", "Container ports",
        "Port numbers, names, protocols and host port uniqueness.";
    HOST_NETWORK_PORTS = "DS212", "hostNetwork host ports",
        "With hostNetwork, a non-zero hostPort must equal containerPort.";
    RESOURCES = "DS213", "Resources",
        "Resource names, quantities and requests versus limits.";
    ENV = "DS214", "Environment",
        "env and envFrom entries.";
    VOLUMES = "DS215", "Volumes",
        "Volume names, sources and their fields.";
    VOLUME_MOUNTS = "DS216", "Volume mounts",
        "Mounts must name a declared volume and use unique absolute paths.";
    PROBES = "DS217", "Probes and lifecycle",
        "Liveness, readiness and startup probes and lifecycle handlers.";
    SECURITY_CONTEXT = "DS218", "Security context",
        "Pod and container security contexts.";
    TOLERATIONS = "DS219", "Tolerations",
        "Toleration keys, operators, values and effects.";
    AFFINITY = "DS220", "Affinity",
        "Node and pod affinity terms.";
    NODE_SELECTOR = "DS221", "nodeSelector",
        "nodeSelector keys and values must be valid labels.";
    DNS = "DS222", "DNS policy and config",
        "dnsPolicy and dnsConfig.";
    POD_SPEC = "DS223", "Pod spec fields",
        "Other pod-level fields (names, grace periods, host aliases, priority, topology spread...).";
    NODE_OBJECT = "DS230", "Node object",
        "A Node document given as placement input is malformed.";
    POD_OBJECT = "DS231", "Pod object",
        "Retired since 0.1.0, superseded by the decoding codes (DS1xx): a malformed Pod in the placement input is reported with the code of its decoding error; nothing reports DS231.";
    APISERVER_WARNING = "DS240", "API-server warning",
        "The API server accepts the object but sends a warning (kubectl prints `Warning: ...`): deprecated node labels, annotations and volume types, duplicate or overlapping ports, fractional byte quantities, and more (GetWarningsForPodTemplate).";
    POD_SECURITY = "DS241", "Pod Security",
        "Pod Security Admission in the DaemonSet's namespace: the warning kubectl prints on create (would violate PodSecurity), the audit annotation, or what a baseline namespace would refuse.";
    // ---- placement
    NODE_SELECTOR_MISMATCH = "DS301", "Node does not match selector or affinity",
        "node(s) didn't match Pod's node affinity/selector: the DaemonSet controller does not create a pod there.";
    UNTOLERATED_TAINT = "DS302", "Untolerated taint",
        "node(s) had untolerated taint: the DaemonSet controller does not create a pod there.";
    NODE_NAME_MISMATCH = "DS303", "Template nodeName",
        "The template pins spec.nodeName, so only that node gets a pod.";
    HOST_PORT_CONFLICT = "DS304", "Host port conflict",
        "node(s) didn't have free ports for the requested pod ports: the pod stays Pending.";
    INSUFFICIENT_RESOURCES = "DS305", "Insufficient resources",
        "Insufficient cpu/memory/...: the pod is created but stays Pending.";
    TOO_MANY_PODS = "DS306", "Too many pods",
        "The node already runs its maximum number of pods: the pod stays Pending.";
    NO_NODES = "DS307", "Runs on no node",
        "The DaemonSet would run on none of the given nodes.";
    SCHEDULING_GATED = "DS308", "Scheduling gates",
        "The template carries spec.schedulingGates: every daemon pod is created but stays SchedulingGated (waiting for scheduling gates) until something removes its gates.";
    NOT_MODELLED = "DS310", "Not modelled offline",
        "Something that can change placement but cannot be seen offline (a PriorityClass or RuntimeClass not given, kubelet preemption, volume limits, pod affinity).";
    ROLLOUT = "DS311", "Rollout",
        "Rolling update plan notes: surge with host ports, stalled budgets, OnDelete.";
    PREEMPTS = "DS312", "Runs by preempting",
        "The pod fits only after the scheduler preempts (evicts) lower-priority pods on the node: DefaultPreemption picks the victims.";
    KUBELET_REJECTED = "DS313", "Rejected by the kubelet",
        "The template's nodeName binds the pod without the scheduler, and the kubelet's admission rejects it (OutOfcpu, NodePorts...): the pod fails and the controller recreates it, again and again.";
    POD_REFUSED = "DS314", "Pod creation refused",
        "An admission plugin refuses every pod the controller creates (Priority, RuntimeClass, PodSecurity): DESIRED counts the nodes, CURRENT stays 0, the reason is only in the DaemonSet's events.";
    MISSING_FEATURES = "DS315", "Node lacks a required feature",
        "The pod uses a feature nodes must declare (status.declaredFeatures, from 1.36): the scheduler's NodeDeclaredFeatures filter keeps it Pending on nodes of older kubelets.";
    // ---- advice
    DEPRECATED_FIELD = "DS401", "Deprecated field",
        "Retired since 0.1.0, superseded by DS240: deprecated fields are reported as the API server's own warnings; nothing reports DS401.";
}
