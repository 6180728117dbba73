//! The one table of exported rules: rule id → CEL expression, message, fieldPath, reason, and
//! the core code/path/message it mirrors (`CoreMatch`), so every exported rule is traceable to
//! the validation it reproduces and the differential test (`core/tests/export_cel.rs`) can
//! require the same allow/deny as core.

use crate::codes::{self, Code};
use crate::validate::Rule as CoreRule;
use crate::version::KubeVersion;

use super::Settings;
use super::cel::{POD, all_containers, has_path, list, or_default, quote, str_field, str_list};

/// What a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Mirrors kube-apiserver validation: redundant at admission (the API server rejected the
    /// object before admission ran), useful offline (Kyverno CLI in CI).
    Apiserver,
    /// A house rule from the settings: useful at admission.
    House,
    /// Placement against the cluster's Nodes (Kyverno `resource.List` only).
    Placement,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Apiserver => "apiserver",
            Family::House => "house",
            Family::Placement => "placement",
        }
    }
}

/// Which core findings a rule mirrors: a validation error raised as one of `rules` whose path
/// matches one of `paths` (`[*]` stands for any index). Where `rules` names a whole family
/// (`CoreRule::Ports`), the paths pick the checks of that family the expression reproduces.
#[derive(Debug, Clone)]
pub struct CoreMatch {
    pub rules: Vec<CoreRule>,
    pub paths: Vec<&'static str>,
}

impl CoreMatch {
    /// Does a core finding (its rule and path) belong to this exported rule?
    pub fn matches(&self, rule: Option<CoreRule>, path: &str) -> bool {
        rule.is_some_and(|r| self.rules.contains(&r)) && self.paths.iter().any(|p| path_matches(p, path))
    }
}

/// `pattern` with `[*]` for any `[N]`.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once("[*]") {
        None => pattern == path,
        Some((head, tail)) => {
            let Some(rest) = path.strip_prefix(head).and_then(|r| r.strip_prefix('[')) else {
                return false;
            };
            let Some((index, after)) = rest.split_once(']') else {
                return false;
            };
            !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) && path_matches(tail, after)
        }
    }
}

/// One exported validation.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub family: Family,
    /// The everynode code (docs/rules/<code>.md) the rule belongs to.
    pub code: Code,
    /// The core function the rule reproduces (or the settings key of a house rule).
    pub mirrors: &'static str,
    /// CEL: true means allowed.
    pub expression: String,
    pub message: String,
    /// The field the failure is reported on (VAP `fieldPath`: no wildcards).
    pub field_path: String,
    /// `Invalid` for apiserver rules, `Forbidden` for house and placement rules.
    pub reason: &'static str,
    /// The core findings this rule mirrors (apiserver rules).
    pub core: Option<CoreMatch>,
}

/// One row of the apiserver table, every column named.
struct Api<'a> {
    id: &'a str,
    /// The everynode code (docs/rules/<code>.md).
    code: Code,
    /// The core function the rule reproduces.
    mirrors: &'static str,
    /// CEL: true means allowed.
    expression: String,
    message: &'a str,
    /// VAP `fieldPath` (no wildcards).
    field_path: &'a str,
    /// The core findings mirrored: their paths (`[*]` for any index) …
    core_paths: &'a [&'static str],
    /// … and the rules they were raised as.
    core_rules: &'a [CoreRule],
}

fn api(a: Api<'_>) -> Rule {
    Rule {
        id: a.id.to_string(),
        family: Family::Apiserver,
        code: a.code,
        mirrors: a.mirrors,
        expression: a.expression,
        message: a.message.to_string(),
        field_path: a.field_path.to_string(),
        reason: "Invalid",
        core: Some(CoreMatch { rules: a.core_rules.to_vec(), paths: a.core_paths.to_vec() }),
    }
}

/// `ppath` guarded: `!(has … ) || cond` style helpers.
fn absent_or(path: &str, cond: &str) -> String {
    format!("!({}) || {cond}", has_path(path))
}

const SPEC: &str = "object.spec";
const SEL: &str = "object.spec.selector";
const LABELS: &str = "object.spec.template.metadata.labels";
const STRATEGY: &str = "object.spec.updateStrategy";
const RU: &str = "object.spec.updateStrategy.rollingUpdate";

/// Is the (defaulted) strategy RollingUpdate?
fn is_rolling_update() -> String {
    format!("{} in ['', 'RollingUpdate']", or_default(&format!("{STRATEGY}.type"), "''"))
}

/// `getIntOrPercentValue(x) != 0` for an int-or-string value.
fn non_zero(x: &str) -> String {
    format!("(type({x}) == string ? ({x}.matches('^0*[1-9][0-9]*%$') || {x}.matches('^[+-]?0*[1-9][0-9]*$')) : {x} != 0)")
}

/// `ValidatePositiveIntOrPercent` and the ≤ 100% rule.
fn int_or_percent_ok(x: &str) -> String {
    format!("(type({x}) == string ? {x}.matches('^0*([0-9]{{1,2}}|100)%$') : {x} >= 0)")
}

/// A label key is present in the template labels.
fn label_has(key: &str) -> String {
    format!("({} && {key} in {LABELS})", has_path(LABELS))
}

/// The apiserver-equivalent rules for `v`.
pub fn apiserver_rules(v: KubeVersion) -> Vec<Rule> {
    let mut r = Vec::new();
    let containers = format!("{POD}.containers");
    let mu = or_default(&format!("{RU}.maxUnavailable"), "1");
    let ms = or_default(&format!("{RU}.maxSurge"), "0");

    // ---- DS202 selector
    r.push(api(Api {
        id: "selector-not-empty",
        code: codes::SELECTOR,
        mirrors: "validate::daemonset::validate_daemonset_spec (empty selector)",
        expression: absent_or(
            SEL,
            &format!(
                "({sh} && size({SEL}.matchLabels) > 0) || ({eh} && size({SEL}.matchExpressions) > 0)",
                sh = has_path(&format!("{SEL}.matchLabels")),
                eh = has_path(&format!("{SEL}.matchExpressions"))
            ),
        ),
        message: "spec.selector: Invalid value: empty selector is invalid for daemonset",
        field_path: "spec.selector",
        core_paths: &["spec.selector"],
        core_rules: &[CoreRule::EmptySelector],
    }));
    let bad_requirement = "!(e.operator in ['In', 'NotIn', 'Exists', 'DoesNotExist']) \
        || (e.operator in ['In', 'NotIn'] && (!has(e.values) || size(e.values) == 0)) \
        || (e.operator in ['Exists', 'DoesNotExist'] && has(e.values) && size(e.values) > 0)";
    let requirement = format!(
        "e.operator == 'In' ? ({has} && {LABELS}[e.key] in e.values) \
         : e.operator == 'NotIn' ? (!{has} || !({LABELS}[e.key] in e.values)) \
         : e.operator == 'Exists' ? {has} : !{has}",
        has = label_has("e.key")
    );
    r.push(api(Api {
        id: "selector-matches-template-labels",
        code: codes::SELECTOR,
        mirrors: "validate::daemonset::validate_daemonset_spec (selector_matches)",
        expression: format!(
            "{sel} && (({eh} && {SEL}.matchExpressions.exists(e, {bad_requirement})) || \
             ((!({mh}) || {SEL}.matchLabels.all(k, {hk} && {LABELS}[k] == {SEL}.matchLabels[k])) \
             && (!({eh}) || {SEL}.matchExpressions.all(e, {requirement}))))",
            sel = has_path(SEL),
            eh = has_path(&format!("{SEL}.matchExpressions")),
            mh = has_path(&format!("{SEL}.matchLabels")),
            hk = label_has("k"),
        ),
        message: "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`",
        field_path: "spec.template.metadata.labels",
        core_paths: &["spec.template.metadata.labels"],
        core_rules: &[CoreRule::SelectorMismatch],
    }));

    // ---- DS203 update strategy
    r.push(api(Api {
        id: "update-strategy-type",
        code: codes::UPDATE_STRATEGY,
        mirrors: "validate::daemonset::validate_update_strategy",
        expression: format!("{} in ['', 'RollingUpdate', 'OnDelete']", or_default(&format!("{STRATEGY}.type"), "''")),
        message: "spec.updateStrategy: Unsupported value: supported values: \"RollingUpdate\", \"OnDelete\"",
        field_path: "spec.updateStrategy",
        core_paths: &["spec.updateStrategy"],
        core_rules: &[CoreRule::UpdateStrategy],
    }));
    for (field, x) in [("maxUnavailable", &mu), ("maxSurge", &ms)] {
        let path: &'static str = if field == "maxUnavailable" {
            "spec.updateStrategy.rollingUpdate.maxUnavailable"
        } else {
            "spec.updateStrategy.rollingUpdate.maxSurge"
        };
        r.push(api(Api {
            id: &format!("rolling-update-{}-valid", if field == "maxUnavailable" { "max-unavailable" } else { "max-surge" }),
            code: codes::UPDATE_STRATEGY,
            mirrors: "validate::daemonset::validate_rolling_update (ValidatePositiveIntOrPercent, <= 100%)",
            expression: format!("!({}) || {}", is_rolling_update(), int_or_percent_ok(x)),
            message: &format!(
                "{path}: Invalid value: must be a non-negative integer or a percent string ('[0-9]+%') not greater than 100%"
            ),
            field_path: path,
            core_paths: &[path],
            core_rules: &[CoreRule::UpdateStrategy],
        }));
    }
    r.push(api(Api {
        id: "rolling-update-not-both-non-zero",
        code: codes::UPDATE_STRATEGY,
        mirrors: "validate::daemonset::validate_rolling_update (maxSurge with maxUnavailable)",
        expression: format!("!({}) || !({} && {})", is_rolling_update(), non_zero(&mu), non_zero(&ms)),
        message: "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: may not be set when maxUnavailable is non-zero",
        field_path: "spec.updateStrategy.rollingUpdate.maxSurge",
        core_paths: &["spec.updateStrategy.rollingUpdate.maxSurge"],
        core_rules: &[CoreRule::MaxSurgeWithMaxUnavailable],
    }));
    r.push(api(Api {
        id: "rolling-update-not-both-zero",
        code: codes::UPDATE_STRATEGY,
        mirrors: "validate::daemonset::validate_rolling_update (both zero)",
        expression: format!("!({}) || {} || {}", is_rolling_update(), non_zero(&mu), non_zero(&ms)),
        message: "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
        field_path: "spec.updateStrategy.rollingUpdate.maxUnavailable",
        core_paths: &["spec.updateStrategy.rollingUpdate.maxUnavailable"],
        core_rules: &[CoreRule::MaxUnavailableZero],
    }));

    // ---- DS204 DaemonSet spec fields
    r.push(api(Api {
        id: "restart-policy-always",
        code: codes::DAEMONSET_SPEC,
        mirrors: "validate::daemonset::validate_daemonset_spec (restartPolicy)",
        expression: format!("{} in ['', 'Always']", or_default(&format!("{POD}.restartPolicy"), "''")),
        message: "spec.template.spec.restartPolicy: Unsupported value: supported values: \"Always\"",
        field_path: "spec.template.spec.restartPolicy",
        core_paths: &["spec.template.spec.restartPolicy"],
        core_rules: &[CoreRule::RestartPolicy],
    }));
    r.push(api(Api {
        id: "active-deadline-seconds-forbidden",
        code: codes::DAEMONSET_SPEC,
        mirrors: "validate::daemonset::validate_daemonset_spec (activeDeadlineSeconds)",
        expression: format!("!({})", has_path(&format!("{POD}.activeDeadlineSeconds"))),
        message: "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
        field_path: "spec.template.spec.activeDeadlineSeconds",
        core_paths: &["spec.template.spec.activeDeadlineSeconds"],
        core_rules: &[CoreRule::ActiveDeadlineSecondsForbidden],
    }));
    r.push(api(Api {
        id: "min-ready-seconds-non-negative",
        code: codes::DAEMONSET_SPEC,
        mirrors: "validate::daemonset::validate_daemonset_spec (minReadySeconds)",
        expression: format!("{} >= 0", or_default(&format!("{SPEC}.minReadySeconds"), "0")),
        message: "spec.minReadySeconds: Invalid value: must be greater than or equal to 0",
        field_path: "spec.minReadySeconds",
        core_paths: &["spec.minReadySeconds"],
        core_rules: &[CoreRule::DaemonSetSpec],
    }));
    r.push(api(Api {
        id: "revision-history-limit-non-negative",
        code: codes::DAEMONSET_SPEC,
        mirrors: "validate::daemonset::validate_daemonset_spec (revisionHistoryLimit)",
        expression: format!("{} >= 0", or_default(&format!("{SPEC}.revisionHistoryLimit"), "10")),
        message: "spec.revisionHistoryLimit: Invalid value: must be greater than or equal to 0",
        field_path: "spec.revisionHistoryLimit",
        core_paths: &["spec.revisionHistoryLimit"],
        core_rules: &[CoreRule::DaemonSetSpec],
    }));

    // ---- DS210 containers
    r.push(api(Api {
        id: "containers-required",
        code: codes::CONTAINERS,
        mirrors: "validate::containers::validate_containers (empty list)",
        expression: format!("size({}) > 0", list(&containers)),
        message: "spec.template.spec.containers: Required value",
        field_path: "spec.template.spec.containers",
        core_paths: &["spec.template.spec.containers"],
        core_rules: &[CoreRule::ContainersRequired],
    }));
    r.push(api(Api {
        id: "container-name-required",
        code: codes::CONTAINERS,
        mirrors: "validate::containers::validate_common (name)",
        expression: format!("{}.all(c, {} != '')", all_containers(), str_field("c", "name")),
        message: "spec.template.spec.containers[*].name: Required value",
        field_path: "spec.template.spec.containers",
        core_paths: &["spec.template.spec.containers[*].name", "spec.template.spec.initContainers[*].name"],
        core_rules: &[CoreRule::ContainerNameRequired],
    }));
    r.push(api(Api {
        id: "container-image-required",
        code: codes::CONTAINERS,
        mirrors: "validate::containers::validate_common (image)",
        expression: format!("{}.all(c, {} != '')", all_containers(), str_field("c", "image")),
        message: "spec.template.spec.containers[*].image: Required value",
        field_path: "spec.template.spec.containers",
        core_paths: &["spec.template.spec.containers[*].image", "spec.template.spec.initContainers[*].image"],
        core_rules: &[CoreRule::ImageRequired],
    }));
    let regular = list(&containers);
    let init = list(&format!("{POD}.initContainers"));
    let (cn, dn, inn) = (str_field("c", "name"), str_field("d", "name"), str_field("i", "name"));
    r.push(api(Api {
        id: "container-names-unique",
        code: codes::CONTAINERS,
        mirrors: "validate::containers::validate_containers / validate_init_containers (Duplicate value)",
        expression: format!(
            "{regular}.all(c, size({regular}.filter(d, {dn} == {cn})) == 1) && \
             {init}.all(i, !{regular}.exists(c, {cn} == {inn}) && ({inn} == '' || size({init}.filter(d, {dn} == {inn})) == 1))"
        ),
        message: "spec.template.spec.containers[*].name: Duplicate value: container names must be unique across containers and initContainers",
        field_path: "spec.template.spec.containers",
        core_paths: &["spec.template.spec.containers[*].name", "spec.template.spec.initContainers[*].name"],
        core_rules: &[CoreRule::DuplicateContainerName],
    }));
    r.push(api(Api {
        id: "ephemeral-containers-forbidden",
        code: codes::CONTAINERS,
        mirrors: "validate::daemonset::validate_pod_template_spec (ephemeralContainers)",
        expression: format!("size({}) == 0", list(&format!("{POD}.ephemeralContainers"))),
        message: "spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template",
        field_path: "spec.template.spec.ephemeralContainers",
        core_paths: &["spec.template.spec.ephemeralContainers"],
        core_rules: &[CoreRule::EphemeralContainersForbidden],
    }));

    // ---- DS211 container ports
    let all = all_containers();
    r.push(api(Api {
        id: "container-port-range",
        code: codes::PORTS,
        mirrors: "validate::ports::validate_container_ports (containerPort, hostPort)",
        expression: format!(
            "{all}.all(c, !has(c.ports) || c.ports.all(p, has(p.containerPort) && p.containerPort >= 1 && p.containerPort <= 65535 \
             && (!has(p.hostPort) || p.hostPort == 0 || (p.hostPort >= 1 && p.hostPort <= 65535))))"
        ),
        message: "spec.template.spec.containers[*].ports[*]: containerPort is required and must be between 1 and 65535, inclusive; hostPort must be 0 or between 1 and 65535, inclusive",
        field_path: "spec.template.spec.containers",
        core_paths: &[
            "spec.template.spec.containers[*].ports[*].containerPort",
            "spec.template.spec.containers[*].ports[*].hostPort",
            "spec.template.spec.initContainers[*].ports[*].containerPort",
            "spec.template.spec.initContainers[*].ports[*].hostPort",
        ],
        core_rules: &[CoreRule::Ports],
    }));
    r.push(api(Api {
        id: "container-port-protocol",
        code: codes::PORTS,
        mirrors: "validate::ports::validate_container_ports (protocol)",
        expression: format!("{all}.all(c, !has(c.ports) || c.ports.all(p, {} in ['', 'TCP', 'UDP', 'SCTP']))", str_field("p", "protocol")),
        message: "spec.template.spec.containers[*].ports[*].protocol: Unsupported value: supported values: \"SCTP\", \"TCP\", \"UDP\"",
        field_path: "spec.template.spec.containers",
        core_paths: &["spec.template.spec.containers[*].ports[*].protocol", "spec.template.spec.initContainers[*].ports[*].protocol"],
        core_rules: &[CoreRule::Ports],
    }));

    // ---- DS212 hostNetwork host ports (validatePodHostNetworkDeps from 1.28; before, the
    // defaulted hostPort is compared on containerPort).
    let (hn_message, hn_paths): (&str, &[&'static str]) = if v.at_least(28) {
        (
            "spec.template.spec.containers[*].ports[*].hostPort: Invalid value: must match `containerPort` when `hostNetwork` is true",
            &["spec.template.spec.containers[*].ports[*].hostPort", "spec.template.spec.initContainers[*].ports[*].hostPort"],
        )
    } else {
        (
            "spec.template.spec.containers[*].ports[*].containerPort: Invalid value: must match `hostPort` when `hostNetwork` is true",
            &["spec.template.spec.containers[*].ports[*].containerPort", "spec.template.spec.initContainers[*].ports[*].containerPort"],
        )
    };
    r.push(api(Api {
        id: "host-network-host-port-matches",
        code: codes::HOST_NETWORK_PORTS,
        mirrors: "validate::ports::validate_host_network_deps / validate_host_network_legacy",
        expression: format!(
            "!{hn} || {all}.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0 || p.hostPort == {cp}))",
            hn = or_default(&format!("{POD}.hostNetwork"), "false"),
            cp = "(has(p.containerPort) ? p.containerPort : 0)"
        ),
        message: hn_message,
        field_path: "spec.template.spec.containers",
        core_paths: hn_paths,
        core_rules: &[CoreRule::HostNetworkHostPort, CoreRule::HostNetworkContainerPort],
    }));

    // ---- DS215 / DS216 volumes
    let vols = list(&format!("{POD}.volumes"));
    let (vn, wn) = (str_field("v", "name"), str_field("w", "name"));
    r.push(api(Api {
        id: "volume-names-unique",
        code: codes::VOLUMES,
        mirrors: "validate::volumes::validate_volumes (Duplicate value)",
        expression: format!("{vols}.all(v, {vn} == '' || size({vols}.filter(w, {wn} == {vn})) == 1)"),
        message: "spec.template.spec.volumes[*].name: Duplicate value: volume names must be unique",
        field_path: "spec.template.spec.volumes",
        core_paths: &["spec.template.spec.volumes[*].name"],
        core_rules: &[CoreRule::DuplicateVolumeName],
    }));

    // ---- DS219 tolerations
    let tols = list(&format!("{POD}.tolerations"));
    let (tk, to, tv, te) = (str_field("t", "key"), str_field("t", "operator"), str_field("t", "value"), str_field("t", "effect"));
    let tol_paths_op: &[&'static str] = &["spec.template.spec.tolerations[*].operator"];
    r.push(api(Api {
        id: "toleration-operator",
        code: codes::TOLERATIONS,
        mirrors: "validate::tolerations::validate_tolerations (operator)",
        expression: format!("{tols}.all(t, {to} in ['', 'Equal', 'Exists'])"),
        message: "spec.template.spec.tolerations[*].operator: Unsupported value: supported values: \"Equal\", \"Exists\"",
        field_path: "spec.template.spec.tolerations",
        core_paths: tol_paths_op,
        core_rules: &[CoreRule::TolerationOperator],
    }));
    r.push(api(Api {
        id: "toleration-empty-key-needs-exists",
        code: codes::TOLERATIONS,
        mirrors: "validate::tolerations::validate_tolerations (empty key)",
        expression: format!("{tols}.all(t, {tk} != '' || {to} == 'Exists')"),
        message: "spec.template.spec.tolerations[*].operator: Invalid value: operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
        field_path: "spec.template.spec.tolerations",
        core_paths: tol_paths_op,
        core_rules: &[CoreRule::TolerationOperatorWithoutKey],
    }));
    r.push(api(Api {
        id: "toleration-exists-without-value",
        code: codes::TOLERATIONS,
        mirrors: "validate::tolerations::validate_tolerations (Exists with value)",
        expression: format!("{tols}.all(t, {to} != 'Exists' || {tv} == '')"),
        message: "spec.template.spec.tolerations[*].operator: Invalid value: value must be empty when `operator` is 'Exists'",
        field_path: "spec.template.spec.tolerations",
        core_paths: tol_paths_op,
        core_rules: &[CoreRule::TolerationExistsWithValue],
    }));
    r.push(api(Api {
        id: "toleration-effect",
        code: codes::TOLERATIONS,
        mirrors: "validate::tolerations::validate_tolerations (effect)",
        expression: format!("{tols}.all(t, {te} in ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'])"),
        message: "spec.template.spec.tolerations[*].effect: Unsupported value: supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        field_path: "spec.template.spec.tolerations",
        core_paths: &["spec.template.spec.tolerations[*].effect"],
        core_rules: &[CoreRule::TolerationEffect],
    }));
    r.push(api(Api {
        id: "toleration-seconds-needs-no-execute",
        code: codes::TOLERATIONS,
        mirrors: "validate::tolerations::validate_tolerations (tolerationSeconds)",
        expression: format!("{tols}.all(t, !has(t.tolerationSeconds) || {te} == 'NoExecute')"),
        message: "spec.template.spec.tolerations[*].effect: Invalid value: effect must be 'NoExecute' when `tolerationSeconds` is set",
        field_path: "spec.template.spec.tolerations",
        core_paths: &["spec.template.spec.tolerations[*].effect"],
        core_rules: &[CoreRule::TolerationSecondsNeedsNoExecute],
    }));

    // ---- DS222 DNS
    let policy = or_default(&format!("{POD}.dnsPolicy"), "''");
    r.push(api(Api {
        id: "dns-policy",
        code: codes::DNS,
        mirrors: "validate::dns::validate_dns_policy",
        expression: format!("{policy} in ['', 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']"),
        message: "spec.template.spec.dnsPolicy: Unsupported value: supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"",
        field_path: "spec.template.spec.dnsPolicy",
        core_paths: &["spec.template.spec.dnsPolicy"],
        core_rules: &[CoreRule::Dns],
    }));
    r.push(api(Api {
        id: "dns-none-needs-config",
        code: codes::DNS,
        mirrors: "validate::dns::validate_dns_config (dnsPolicy None)",
        expression: format!("{policy} != 'None' || {}", has_path(&format!("{POD}.dnsConfig"))),
        message: "spec.template.spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None",
        field_path: "spec.template.spec.dnsConfig",
        core_paths: &["spec.template.spec.dnsConfig"],
        core_rules: &[CoreRule::DnsConfigRequired],
    }));
    r.push(api(Api {
        id: "dns-none-needs-nameserver",
        code: codes::DNS,
        mirrors: "validate::dns::validate_dns_config (nameservers)",
        expression: format!(
            "{policy} != 'None' || !({}) || size({}) > 0",
            has_path(&format!("{POD}.dnsConfig")),
            list(&format!("{POD}.dnsConfig.nameservers"))
        ),
        message: "spec.template.spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None",
        field_path: "spec.template.spec.dnsConfig.nameservers",
        core_paths: &["spec.template.spec.dnsConfig.nameservers"],
        core_rules: &[CoreRule::DnsNameserverRequired],
    }));

    // ---- DS201 metadata
    r.push(api(Api {
        id: "metadata-name-required",
        code: codes::META,
        mirrors: "validate::metadata::validate_object_meta (name or generateName)",
        expression: format!(
            "{} != '' || {} != ''",
            or_default("object.metadata.name", "''"),
            or_default("object.metadata.generateName", "''")
        ),
        message: "metadata.name: Required value: name or generateName is required",
        field_path: "metadata.name",
        core_paths: &["metadata.name"],
        core_rules: &[CoreRule::NameRequired],
    }));
    r
}

/// The house rules the settings ask for.
pub fn house_rules(s: &Settings) -> Vec<Rule> {
    let mut r = Vec::new();
    let tols = list(&format!("{POD}.tolerations"));
    let (tk, to, tv, te) = (str_field("t", "key"), str_field("t", "operator"), str_field("t", "value"), str_field("t", "effect"));
    for (i, req) in s.required_tolerations.iter().enumerate() {
        // ToleratesTaint: the template must tolerate a taint {key, value, effect}.
        let effect_ok = if req.effect.is_empty() { format!("{te} == ''") } else { format!("{te} in ['', {}]", quote(&req.effect)) };
        let expression = format!(
            "{tols}.exists(t, (({to} == 'Exists' && ({tk} == '' || {tk} == {k})) || ({to} in ['', 'Equal'] && {tk} == {k} && {tv} == {v})) && {effect_ok})",
            k = quote(&req.key),
            v = quote(&req.value),
        );
        let shown = format!(
            "{}{}{}",
            req.key,
            if req.value.is_empty() { String::new() } else { format!("={}", req.value) },
            if req.effect.is_empty() { String::new() } else { format!(":{}", req.effect) }
        );
        r.push(Rule {
            id: format!("house-required-toleration-{}", i + 1),
            family: Family::House,
            code: codes::TOLERATIONS,
            mirrors: "settings.requiredTolerations (place::tolerations ToleratesTaint semantics)",
            expression,
            message: format!("spec.template.spec.tolerations: Forbidden: the pod template must tolerate the taint {shown} (house rule)"),
            field_path: "spec.template.spec.tolerations".into(),
            reason: "Forbidden",
            core: None,
        });
    }
    if s.forbid_host_network_without_host_port {
        let all = all_containers();
        r.push(Rule {
            id: "house-host-network-explicit-host-port".into(),
            family: Family::House,
            code: codes::HOST_NETWORK_PORTS,
            mirrors: "settings.forbidHostNetworkWithoutHostPort",
            expression: format!(
                "!{hn} || ({all}.exists(c, has(c.ports) && size(c.ports) > 0) && {all}.all(c, !has(c.ports) || c.ports.all(p, has(p.hostPort) && p.hostPort != 0)))",
                hn = or_default(&format!("{POD}.hostNetwork"), "false"),
            ),
            message: "spec.template.spec.hostNetwork: Forbidden: with hostNetwork every container port must declare an explicit hostPort (house rule)".into(),
            field_path: "spec.template.spec.hostNetwork".into(),
            reason: "Forbidden",
            core: None,
        });
    }
    r
}

/// The CEL call listing the cluster's Nodes (Kyverno ValidatingPolicy CEL library).
pub const NODES_CALL: &str = "resource.List(\"v1\", \"nodes\", \"\").items";

/// Would the DaemonSet controller run a pod on node `n` (simplified `NodeShouldRunDaemonPod`):
/// nodeName, nodeSelector, required node affinity (label requirements; matchFields on
/// metadata.name), and NoSchedule/NoExecute taints against the template's tolerations plus the
/// ones the controller adds.
pub fn node_eligible(n: &str) -> String {
    let labels = format!("(has({n}.metadata.labels) ? {n}.metadata.labels : {{}})");
    let node_name = format!("({} == '' || {POD}.nodeName == {n}.metadata.name)", or_default(&format!("{POD}.nodeName"), "''"));
    let selector =
        format!("{}.all(k, k in {labels} && {labels}[k] == {POD}.nodeSelector[k])", or_default(&format!("{POD}.nodeSelector"), "{}"));
    let req = format!(
        "(r.operator == 'In' ? (r.key in {labels} && {labels}[r.key] in r.values) \
         : r.operator == 'NotIn' ? (!(r.key in {labels}) || !({labels}[r.key] in r.values)) \
         : r.operator == 'Exists' ? r.key in {labels} \
         : r.operator == 'DoesNotExist' ? !(r.key in {labels}) \
         : r.operator == 'Gt' ? (r.key in {labels} && {labels}[r.key].matches('^-?[0-9]+$') && int({labels}[r.key]) > int(r.values[0])) \
         : r.operator == 'Lt' ? (r.key in {labels} && {labels}[r.key].matches('^-?[0-9]+$') && int({labels}[r.key]) < int(r.values[0])) : false)"
    );
    let field_req = format!(
        "(r.key == 'metadata.name' && (r.operator == 'In' ? {n}.metadata.name in r.values : r.operator == 'NotIn' ? !({n}.metadata.name in r.values) : false))"
    );
    let terms_path = format!("{POD}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
    let affinity = format!(
        "!({}) || {terms_path}.exists(term, ((has(term.matchExpressions) && size(term.matchExpressions) > 0) || (has(term.matchFields) && size(term.matchFields) > 0)) \
         && (!has(term.matchExpressions) || term.matchExpressions.all(r, {req})) && (!has(term.matchFields) || term.matchFields.all(r, {field_req})))",
        has_path(&terms_path)
    );
    // tolerations::daemon_pod_tolerations: Exists tolerations the controller adds.
    let auto_no_execute = str_list(&["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]);
    let auto_no_schedule = str_list(&[
        "node.kubernetes.io/disk-pressure",
        "node.kubernetes.io/memory-pressure",
        "node.kubernetes.io/pid-pressure",
        "node.kubernetes.io/unschedulable",
    ]);
    let tols = list(&format!("{POD}.tolerations"));
    let (tk, to, tv, te) = (str_field("t", "key"), str_field("t", "operator"), str_field("t", "value"), str_field("t", "effect"));
    let taint_value = "(has(x.value) ? x.value : '')";
    let taints = format!(
        "!has({n}.spec) || !has({n}.spec.taints) || {n}.spec.taints.all(x, !(x.effect in ['NoSchedule', 'NoExecute']) \
         || (x.effect == 'NoExecute' && x.key in {auto_no_execute}) || (x.effect == 'NoSchedule' && x.key in {auto_no_schedule}) \
         || (x.key == 'node.kubernetes.io/network-unavailable' && x.effect == 'NoSchedule' && {hn}) \
         || {tols}.exists(t, ({te} == '' || {te} == x.effect) && (({to} == 'Exists' && ({tk} == '' || {tk} == x.key)) || ({to} in ['', 'Equal'] && {tk} == x.key && {tv} == {taint_value}))))",
        hn = or_default(&format!("{POD}.hostNetwork"), "false"),
    );
    format!("({node_name} && {selector} && ({affinity}) && ({taints}))")
}

/// The placement rules the settings ask for (Kyverno ValidatingPolicy only).
pub fn placement_rules(s: &Settings) -> Vec<Rule> {
    let mut r = Vec::new();
    let eligible = node_eligible("n");
    if let Some(min) = s.min_nodes {
        r.push(Rule {
            id: "placement-min-nodes".into(),
            family: Family::Placement,
            code: codes::NO_NODES,
            mirrors: "settings.minNodes (place::controller::node_should_run, simplified)",
            expression: format!("size({NODES_CALL}.filter(n, {eligible})) >= {min}"),
            message: format!("spec.template.spec: Forbidden: the DaemonSet would run on fewer than {min} nodes (minNodes)"),
            field_path: "spec.template.spec".into(),
            reason: "Forbidden",
            core: None,
        });
    }
    if !s.required_zones.is_empty() {
        r.push(Rule {
            id: "placement-required-zones".into(),
            family: Family::Placement,
            code: codes::NO_NODES,
            mirrors: "settings.requiredZones (place::zones, simplified)",
            expression: format!(
                "{}.all(z, {NODES_CALL}.exists(n, has(n.metadata.labels) && 'topology.kubernetes.io/zone' in n.metadata.labels \
                 && n.metadata.labels['topology.kubernetes.io/zone'] == z && {eligible}))",
                str_list(&s.required_zones)
            ),
            message: format!(
                "spec.template.spec: Forbidden: the DaemonSet would leave a required zone without a pod (requiredZones: {})",
                s.required_zones.join(", ")
            ),
            field_path: "spec.template.spec".into(),
            reason: "Forbidden",
            core: None,
        });
    }
    r
}

/// Rule families everynode checks that are not exported, with the reason. Listed in the header
/// of every generated policy.
pub const NOT_EXPORTED: &[(&str, &str)] = &[
    (
        "DS001-DS008",
        "syntax, limits and document shape: the API server decodes the request before admission; CEL sees decoded objects only",
    ),
    ("DS101-DS105", "strict decoding (unknown/duplicate fields, wrong types, malformed quantities/times): happens before CEL runs"),
    (
        "DS201/DS205 (syntax)",
        "name, namespace, label and annotation syntax (qualified-name prefix rules, 63/253 limits, total annotation bytes): regexes could approximate them but not reproduce them exactly, so they are not exported",
    ),
    (
        "DS202 (selector syntax)",
        "label selector key/value syntax (only operators and values counts are used to decide whether the selector/labels rule applies)",
    ),
    (
        "DS210 (details)",
        "container name syntax, image pull / termination message policies, container restartPolicy (version-dependent), resize policies",
    ),
    ("DS211 (details)", "port names (IANA_SVC_NAME syntax, uniqueness) and duplicate host ports (protocol/hostIP/hostPort keys)"),
    (
        "DS213",
        "resources: quantity parsing, canonical forms and requests <= limits need the Kubernetes quantity() CEL library, not available to the Kyverno CLI's nor this project's test interpreter",
    ),
    ("DS214", "env and envFrom: not translated yet"),
    ("DS215 (sources)", "volume sources and their fields: one-source-only, per-source required fields (not translated yet)"),
    (
        "DS216",
        "volumeMounts must name a valid volume: core drops volumes that have any error, which CEL cannot see without re-implementing every volume rule",
    ),
    ("DS217", "probes and lifecycle handlers: not translated yet"),
    ("DS218", "security contexts: depend on the API server's --allow-privileged flag and per-version rules"),
    ("DS220/DS221/DS223", "affinity, nodeSelector label syntax and other pod fields: not translated yet"),
    ("DS230/DS231", "Node and Pod documents are placement input, not admission targets"),
    ("DS240", "API-server warnings: the API server sends them itself; warnings, not a decision"),
    (
        "DS301-DS307 (VAP, ClusterPolicy)",
        "placement needs the cluster's Nodes; a ValidatingAdmissionPolicy cannot list objects and ClusterPolicy validate.cel has no resource library: export the Kyverno ValidatingPolicy for minNodes/requiredZones",
    ),
    ("DS304-DS306", "host-port conflicts, resource fit and pod counts need the pods running on each node: not exported"),
    ("DS310/DS311", "not modelled offline / rollout notes: advice, not a decision"),
    ("DS401", "deprecated fields: warnings, not a decision"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(path_matches("a.b[*].c", "a.b[12].c"));
        assert!(path_matches("a[*].b[*]", "a[0].b[3]"));
        assert!(!path_matches("a.b[*].c", "a.b[x].c"));
        assert!(!path_matches("a.b[*].c", "a.b[1].cd"));
        assert!(path_matches("a.b", "a.b"));
    }

    #[test]
    fn ids_are_unique() {
        let rules = apiserver_rules(KubeVersion::DEFAULT);
        let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn core_rules_carry_the_rule_code() {
        for v in KubeVersion::all() {
            for r in apiserver_rules(v) {
                let core = r.core.as_ref().expect("apiserver rules mirror core");
                assert!(!core.rules.is_empty(), "{}", r.id);
                assert!(core.rules.iter().all(|c| c.code() == r.code), "{}: {:?} vs {}", r.id, core.rules, r.code);
            }
        }
    }
}
