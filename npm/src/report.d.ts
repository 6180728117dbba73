// Generated from everynode-core's report types by `cargo xtask contract`: do not edit.
// The same types generate docs/report.schema.json.

/** The JSON report of `everynode check --format json`, npm `check()` and the playground's JSON tab. schemaVersion 1: keys may be added, never renamed or removed. Generated from core's types by `cargo xtask contract`: do not edit. */
export interface Report {
    /** File-level findings: syntax errors, unreadable input, documents that are not objects. */
    diagnostics: Diagnostic[];
    /** MAJOR.MINOR of the Kubernetes version whose API server and scheduler were reproduced. */
    kubernetesVersion: string;
    objects: ObjectReport[];
    schemaVersion: 1;
}

/**
 * The API server's `StatusCause.type` for field errors
 * (`k8s.io/apimachinery/pkg/util/validation/field/errors.go`).
 */
export type CauseType = "FieldValueNotFound" | "FieldValueRequired" | "FieldValueDuplicate" | "FieldValueInvalid" | "FieldValueNotSupported" | "FieldValueForbidden" | "FieldValueTooLong" | "FieldValueTooMany" | "InternalError" | "FieldValueUnknown" | "FieldValueDuplicateField" | "FieldValueTypeInvalid";

/** Stable diagnostic code, `DS` and three digits; docs/rules/<code>.md explains it. */
export type Code = string;

/** One finding. Built by every stage; rendered by every front end. */
export interface Diagnostic {
    code: Code;
    /** 1-based column of `span.start`, in characters. */
    column?: number;
    /** 1-based column of `span.start`, in UTF-16 code units (for editors and browsers). */
    columnUtf16?: number;
    endColumn?: number;
    endColumnUtf16?: number;
    endLine?: number;
    /** The input file, for diagnostics that belong to a file rather than an object. */
    file?: string;
    /** A hint for fixing it (not API server text). */
    help?: string;
    /** 1-based line of `span.start`. */
    line?: number;
    /** The message exactly as the API server (or scheduler) words it. */
    message: string;
    /** Field path in `field.Path` syntax (`spec.template.spec.containers[0].ports[1].hostPort`). */
    path?: string;
    severity: Severity;
    /** Where in the input. Absent fields point at their nearest present parent. */
    span?: Span;
    stage: Stage;
    /** The API server's cause type, for field errors and decode errors. */
    type?: CauseType;
    /** Documentation page of the code. */
    url: string;
}

/** One verified fix. */
export interface Fix {
    /** Other nodes the change would newly include (DaemonSet changes only). */
    alsoIncludes: number;
    /** A kubectl command (node label fixes). */
    command?: string;
    description: string;
    /** Nodes of the group the controller would then create a pod on (always all of them). */
    includes: number;
    /** `toleration`, `nodeLabel`, `nodeSelector` or `nodeName`. */
    kind: string;
    /** The group's nodes. */
    nodes: string[];
    /** The reason of the group it fixes. */
    reason: string;
    /** Of those, nodes where the pod would also pass the scheduler filters. */
    thenRuns: number;
    /** A DaemonSet snippet (under `spec.template.spec`). */
    yaml?: string;
}

/** One entry of `placement.nodes`. */
export interface NodeResult {
    /** `IP:port/PROTOCOL` of the host ports the pod serves on the node. */
    endpoints?: string[];
    /** A pod of this DaemonSet is already there. */
    existingPod?: boolean;
    name: string;
    /** What happens to the pod where it neither runs nor waits for the scheduler. */
    podFate?: PodFate;
    /** Why not, in the scheduler's wording of the selected release. */
    reasons: string[];
    /** A pod of this DaemonSet ends up bound and running on the node. */
    runs: boolean;
    /** The controller keeps an existing pod on the node. */
    shouldContinueRunning: boolean;
    /** The DaemonSet controller's verdict (stage 1): a pod should run on the node. */
    shouldRun: boolean;
    /**
     * The untolerated taint that keeps the pod off the node, as `kubectl taint` writes it
     * (`key=value:Effect`): from 1.34 the scheduler's reason no longer names it.
     */
    taint?: string;
    /**
     * The pods (`namespace/name`) the scheduler preempts to make room, in its order
     * (DefaultPreemption `SelectVictimsOnNode`): the pod runs here after they are evicted.
     */
    victims?: string[];
    zone?: string;
}

export interface ObjectReport {
    apiVersion: string;
    diagnostics: Diagnostic[];
    /** 0-based document index within the file. */
    document: number;
    file: string;
    /** 0-based index within a `List` document's `items`, when the object came from one. */
    item?: number;
    kind: string;
    name: string;
    namespace: string;
    placement?: Placement;
    /** False iff the object has an error-severity diagnostic. */
    valid: boolean;
}

/** The `placement` object of the JSON report (docs/report.md). */
export interface Placement {
    fixes: Fix[];
    /**
     * The scheduler's FitError line over the nodes that do not run the pod
     * (`0/N nodes are available: …` when it runs nowhere).
     */
    histogram?: string;
    nodes: NodeResult[];
    /**
     * The API server's error for every pod the controller creates, when an admission plugin
     * (Priority, RuntimeClass, PodSecurity) refuses them: the `Error creating:` event's text.
     */
    refused?: string;
    rollout: Rollout;
    summary: Summary;
    zones: ZoneSummary[];
}

/** The fate of a daemon pod that is not Pending in the scheduler's queue. */
export type PodFate = "notCreated" | "rejectedByKubelet";

/** The `rollout` object of the placement. */
export interface Rollout {
    maxSurge: number;
    maxUnavailable: number;
    notes: string[];
    strategy: string;
    /** Update waves if every new pod becomes available promptly; null for OnDelete. */
    waves: number | null;
}

/**
 * How bad a finding is. `error` findings make an object invalid (`valid: false`)
 * and the CLI exit with status 1.
 */
export type Severity = "error" | "warning" | "info";

/**
 * A byte range in the input, `start..end`, with 1-based line/column of `start`
 * (columns count UTF-8 characters; `column_utf16` counts UTF-16 code units for browsers).
 */
export interface Span {
    end: number;
    start: number;
}

/** Which stage produced a diagnostic. */
export type Stage = "syntax" | "decode" | "validation" | "placement" | "lint";

/** `placement.summary`. */
export interface Summary {
    /**
     * CURRENT once the controller has synced (`kubectl get ds` semantics): every shouldRun node
     * gets a daemon pod, and Pending pods count. Equals `desired` unless creation is impossible.
     */
    current: number;
    /** CURRENT right now: shouldRun nodes that already have a pod of this DaemonSet (from the pods given). */
    currentNow: number;
    /** DESIRED: nodes where the controller wants a pod (shouldRun). */
    desired: number;
    /**
     * Existing pods of this DaemonSet that the controller deletes (untolerated NoExecute taint,
     * selector no longer matching).
     */
    evicted: number;
    /** Non-terminal pods of this DaemonSet found in the pods given. */
    existingPods: number;
    /** Nodes that have a pod of this DaemonSet but should not run it (from the pods given). */
    misscheduled: number;
    /** Nodes given. */
    nodes: number;
    /** shouldRun nodes whose pod stays Pending (a scheduler filter fails). */
    pending: number;
    /** Nodes where the pod runs only after the scheduler preempts lower-priority pods. */
    preempting: number;
    /** Nodes where a pod of this DaemonSet ends up bound and running (`runs`). */
    scheduled: number;
}

/** One entry of `placement.zones`. */
export interface ZoneSummary {
    nodes: number;
    runs: number;
    zone: string;
}

/** The result of `everynode migrate` and the npm package's `migrate()`. */
export interface MigrateResult {
    /** `FILE:LINE: …` notes on every change (and why nothing was migrated when `ok` is false). */
    notes: string[];
    /** False when the input could not be read (syntax or encoding errors). */
    ok: boolean;
    /** The manifest with legacy DaemonSets rewritten as apps/v1 (empty when `ok` is false). */
    output: string;
}

/** Output formats of `check()`'s `format` option and `everynode check --format`. */
export type OutputFormat = "text" | "json" | "sarif" | "junit";
