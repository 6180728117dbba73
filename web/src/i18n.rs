//! Interface texts in English and Simplified Chinese. Kubernetes messages (API server, scheduler,
//! kubectl) are never translated: they stay verbatim so they can be searched and compared.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh-CN" | "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Replace each `{}` in `template` by the next argument.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut args = args.iter();
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

pub struct Texts {
    pub tagline: &'static str,
    pub example: &'static str,
    pub cluster: &'static str,
    pub custom: &'static str,
    pub kubernetes: &'static str,
    pub language: &'static str,
    pub theme_dark: &'static str,
    pub theme_light: &'static str,
    pub copy_link: &'static str,
    pub copy_markdown: &'static str,
    pub reset: &'static str,
    pub help: &'static str,
    pub help_text: &'static [&'static str],
    pub close: &'static str,
    pub ds_editor: &'static str,
    pub nodes_editor: &'static str,
    pub pods_editor: &'static str,
    pub pods_hint: &'static str,
    pub settings_editor: &'static str,
    pub settings_hint: &'static str,
    pub admission_allowed: &'static str,
    pub admission_denied: &'static str,
    pub settings_invalid: &'static str,
    pub problems: &'static str,
    pub no_problems: &'static str,
    pub kubectl_says: &'static str,
    pub apiserver_says: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub docs: &'static str,
    pub placement: &'static str,
    /// `{runs}/{nodes}`.
    pub runs_on: &'static str,
    pub no_nodes: &'static str,
    pub reasons: &'static str,
    pub all_nodes: &'static str,
    pub only_runs: &'static str,
    pub only_not: &'static str,
    pub filter_name: &'static str,
    pub col_node: &'static str,
    pub col_zone: &'static str,
    pub col_runs: &'static str,
    pub col_reason: &'static str,
    pub col_endpoints: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub page: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub zones: &'static str,
    pub zone_runs: &'static str,
    pub endpoints: &'static str,
    pub endpoints_none: &'static str,
    pub rollout: &'static str,
    pub rollout_waves: &'static str,
    pub rollout_on_delete: &'static str,
    pub fixes: &'static str,
    pub apply: &'static str,
    pub fix_result: &'static str,
    pub fix_by_hand: &'static str,
    pub fix_applied: &'static str,
    pub fix_failed: &'static str,
    pub evaluating: &'static str,
    pub evaluated_in: &'static str,
    pub link_copied: &'static str,
    pub markdown_copied: &'static str,
    pub copy_failed: &'static str,
    pub share_output: &'static str,
    pub autosave_skipped: &'static str,
    pub link_error: &'static str,
    pub object: &'static str,
    pub valid: &'static str,
    pub invalid: &'static str,
    pub line_col: &'static str,
    pub more_nodes: &'static str,
    pub generated_note: &'static str,
}

pub static EN: Texts = Texts {
    tagline: "Check a DaemonSet like kube-apiserver and see where it runs — in your browser, offline.",
    example: "Example",
    cluster: "Cluster",
    custom: "(edited)",
    kubernetes: "Kubernetes",
    language: "Language",
    theme_dark: "Dark",
    theme_light: "Light",
    copy_link: "Copy link",
    copy_markdown: "Copy as Markdown",
    reset: "Reset",
    help: "Help",
    help_text: &[
        "Paste a DaemonSet (several documents are fine) on the left and a node list (`kubectl get nodes -o yaml`) below it. Existing pods (`kubectl get pods -A -o yaml`) are optional: they add host-port and resource checks.",
        "Problems use the API server's own wording; click one to select the text it points at. The per-node table shows, for every node, whether the DaemonSet's pod runs there and the scheduler's reason when it does not.",
        "Everything runs in this page: nothing you type leaves your browser. The state is kept in this browser's local storage and in share links (in the part after #, which is never sent to a server).",
        "Keyboard: Tab moves between controls; Ctrl+Enter evaluates at once.",
    ],
    close: "Close",
    ds_editor: "DaemonSet",
    nodes_editor: "Nodes",
    pods_editor: "Pods (optional)",
    pods_hint: "# Optional: existing pods (kubectl get pods -A -o yaml) for host-port and resource checks",
    settings_editor: "Policy settings (optional)",
    settings_hint: "# Optional: admission policy settings (docs/policy.md), e.g.\n# minNodes: 3\n# denyWarnings: true",
    admission_allowed: "The admission policy would allow it",
    admission_denied: "The admission policy would deny it",
    settings_invalid: "Invalid policy settings",
    problems: "Problems",
    no_problems: "No problems found.",
    kubectl_says: "kubectl apply would print",
    apiserver_says: "API server message",
    copy: "Copy",
    copied: "Copied",
    docs: "docs",
    placement: "Placement",
    runs_on: "runs on {}/{} nodes",
    no_nodes: "No nodes given: paste `kubectl get nodes -o yaml` or pick a cluster to see placement.",
    reasons: "Why not everywhere",
    all_nodes: "All nodes",
    only_runs: "Runs",
    only_not: "Does not run",
    filter_name: "Filter by node name",
    col_node: "Node",
    col_zone: "Zone",
    col_runs: "Runs",
    col_reason: "Reason",
    col_endpoints: "Endpoints",
    yes: "yes",
    no: "no",
    page: "Page {} of {} · {} nodes",
    prev: "Previous",
    next: "Next",
    zones: "Zones",
    zone_runs: "{}/{} nodes",
    endpoints: "Endpoints",
    endpoints_none: "No host ports: the pods have no node-level endpoints.",
    rollout: "Rollout",
    rollout_waves: "{}: maxUnavailable {}, maxSurge {} → {} waves",
    rollout_on_delete: "OnDelete: pods are replaced only when you delete them",
    fixes: "Suggested fixes",
    apply: "Apply",
    fix_result: "includes {} node(s); the pod then runs on {}",
    fix_by_hand: "Run against the cluster:",
    fix_applied: "Fix applied to the DaemonSet.",
    fix_failed: "Could not apply the fix: {}",
    evaluating: "Evaluating…",
    evaluated_in: "Evaluated in {} ms",
    link_copied: "Link copied to the clipboard.",
    markdown_copied: "Markdown copied to the clipboard.",
    copy_failed: "The clipboard is not available: copy the text below.",
    share_output: "Share",
    autosave_skipped: "Too large to autosave in this browser.",
    link_error: "Could not open the share link: {}",
    object: "Object",
    valid: "valid",
    invalid: "invalid",
    line_col: "line {}, column {}",
    more_nodes: "{} more",
    generated_note: "Generated cluster: {} nodes (deterministic, built in your browser).",
};

pub static ZH: Texts = Texts {
    tagline: "像 kube-apiserver 一样校验 DaemonSet，并查看它会运行在哪些节点上——完全在浏览器中离线运行。",
    example: "示例",
    cluster: "集群",
    custom: "（已编辑）",
    kubernetes: "Kubernetes 版本",
    language: "语言",
    theme_dark: "深色",
    theme_light: "浅色",
    copy_link: "复制链接",
    copy_markdown: "复制为 Markdown",
    reset: "重置",
    help: "帮助",
    help_text: &[
        "在左侧粘贴 DaemonSet（可以包含多个文档），在其下方粘贴节点列表（`kubectl get nodes -o yaml`）。现有 Pod（`kubectl get pods -A -o yaml`）为可选项，用于检查主机端口和资源。",
        "问题信息保留 API 服务器的原文；点击某一条即可选中它所指向的文本。逐节点表格列出每个节点上是否会运行该 DaemonSet 的 Pod，以及不运行时调度器给出的原因。",
        "所有计算都在本页面内完成：你输入的内容不会离开浏览器。状态保存在本浏览器的本地存储和分享链接中（位于 # 之后，永远不会发送到服务器）。",
        "键盘：Tab 在控件之间切换；Ctrl+Enter 立即重新计算。",
    ],
    close: "关闭",
    ds_editor: "DaemonSet",
    nodes_editor: "节点",
    pods_editor: "Pod（可选）",
    pods_hint: "# 可选：现有 Pod（kubectl get pods -A -o yaml），用于主机端口和资源检查",
    settings_editor: "策略设置（可选）",
    settings_hint: "# 可选：准入策略设置（docs/policy.md），例如\n# minNodes: 3\n# denyWarnings: true",
    admission_allowed: "准入策略将允许",
    admission_denied: "准入策略将拒绝",
    settings_invalid: "策略设置无效",
    problems: "问题",
    no_problems: "未发现问题。",
    kubectl_says: "kubectl apply 将输出",
    apiserver_says: "API 服务器消息",
    copy: "复制",
    copied: "已复制",
    docs: "文档",
    placement: "调度结果",
    runs_on: "运行于 {}/{} 个节点",
    no_nodes: "未提供节点：粘贴 `kubectl get nodes -o yaml` 或选择一个集群以查看调度结果。",
    reasons: "未在所有节点运行的原因",
    all_nodes: "全部节点",
    only_runs: "运行",
    only_not: "不运行",
    filter_name: "按节点名称筛选",
    col_node: "节点",
    col_zone: "可用区",
    col_runs: "运行",
    col_reason: "原因",
    col_endpoints: "端点",
    yes: "是",
    no: "否",
    page: "第 {} / {} 页 · {} 个节点",
    prev: "上一页",
    next: "下一页",
    zones: "可用区",
    zone_runs: "{}/{} 个节点",
    endpoints: "端点",
    endpoints_none: "没有主机端口：这些 Pod 没有节点级端点。",
    rollout: "滚动更新",
    rollout_waves: "{}：maxUnavailable {}，maxSurge {} → 共 {} 批",
    rollout_on_delete: "OnDelete：只有在你删除 Pod 时才会替换",
    fixes: "建议的修复",
    apply: "应用",
    fix_result: "可覆盖 {} 个节点；之后 Pod 将运行于其中 {} 个",
    fix_by_hand: "请在集群上执行：",
    fix_applied: "修复已应用到 DaemonSet。",
    fix_failed: "无法应用修复：{}",
    evaluating: "正在计算…",
    evaluated_in: "计算耗时 {} 毫秒",
    link_copied: "链接已复制到剪贴板。",
    markdown_copied: "Markdown 已复制到剪贴板。",
    copy_failed: "剪贴板不可用：请手动复制下面的文本。",
    share_output: "分享",
    autosave_skipped: "内容过大，无法在本浏览器中自动保存。",
    link_error: "无法打开分享链接：{}",
    object: "对象",
    valid: "有效",
    invalid: "无效",
    line_col: "第 {} 行，第 {} 列",
    more_nodes: "另有 {} 个",
    generated_note: "生成的集群：{} 个节点（确定性生成，在浏览器中构建）。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill(EN.runs_on, &["7", "10"]), "runs on 7/10 nodes");
        assert_eq!(fill(ZH.runs_on, &["7", "10"]), "运行于 7/10 个节点");
        assert_eq!(fill("{} {}", &["a"]), "a ");
        assert_eq!(Lang::parse(Lang::Zh.code()), Some(Lang::Zh));
    }
}
