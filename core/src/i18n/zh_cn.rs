//! 简体中文文本：`(键, 文本)`，`{name}` 为占位符。每个键都与 [`super::en`] 一一对应，占位符相同
//! (`core/tests/texts.rs`)。

/// The Simplified Chinese table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "{name} 的示例"),
    // --- refresh ---
    ("refresh.param.scalingGroupId", "要刷新的伸缩组（asg-...）。"),
    (
        "refresh.param.imageId",
        "期望配置：用此镜像创建的新实例替换现有实例（不适用于使用启动模板的伸缩组）。",
    ),
    (
        "refresh.param.scalingConfigurationId",
        "期望配置：用伸缩组的此伸缩配置（asc-...）创建的新实例替换现有实例。",
    ),
    (
        "refresh.param.launchTemplateId",
        "期望配置：用此启动模板（lt-...）创建的新实例替换现有实例。",
    ),
    (
        "refresh.param.launchTemplateVersion",
        "与 --launch-template-id 一起使用：版本号、Default 或 Latest（Default 和 Latest 无法回滚）。",
    ),
    (
        "refresh.param.launchTemplateOverrideInstanceTypes",
        "与 --launch-template-id 一起使用：覆盖模板中实例规格的实例规格（可重复，或用逗号分隔）。",
    ),
    (
        "refresh.param.minHealthyPercentage",
        "刷新期间保持服务中的容量占伸缩组容量的比例，0-100（ESS 默认 80）。",
    ),
    (
        "refresh.param.maxHealthyPercentage",
        "新实例启动、旧实例尚未释放时允许的容量比例上限，100-200（ESS 默认 120）。",
    ),
    ("refresh.param.skipMatching", "true：跳过已经使用期望伸缩配置的实例（ESS 默认 true）。"),
    (
        "refresh.param.checkpoints",
        "检查点：已替换容量的百分比，刷新到达时暂停，须升序且最后一个为 100（如 20,50,100）。",
    ),
    (
        "refresh.param.checkpointPauseTime",
        "检查点暂停的分钟数，之后 ESS 自动继续，1-2880（ESS 默认 60）。",
    ),
    ("refresh.finding.not_an_object", "实例刷新的参数必须是 JSON 对象"),
    ("refresh.finding.unknown_key", "`{key}` 不是实例刷新的参数"),
    ("refresh.hint.known_keys", "可用参数：{keys}"),
    ("refresh.finding.wrong_type", "`{key}` 必须是{expected}"),
    ("refresh.finding.wrong_item", "`{key}` 的每一项都必须是{expected}"),
    ("refresh.kind.string", "字符串"),
    ("refresh.kind.boolean", "true 或 false"),
    ("refresh.kind.integer", "整数"),
    ("refresh.kind.list", "列表"),
    ("refresh.finding.duplicate_item", "`{key}` 中 `{value}` 出现了两次"),
    ("refresh.finding.empty_value", "`{key}` 为空"),
    ("refresh.finding.masked_id", "`{key}` 为 `{value}`，这是文档中打了掩码的示例 ID"),
    ("refresh.hint.masked_id", "请从控制台或 Describe 调用中复制真实 ID"),
    ("refresh.finding.bad_id", "`{key}` 为 `{value}`，不是该类资源的 ID"),
    ("refresh.hint.prefix", "应以 `{prefix}` 开头且不含空白"),
    ("refresh.finding.out_of_range", "`{key}` 为 {value}，超出 {min}-{max} 的范围"),
    ("refresh.finding.missing_required", "缺少必填参数 `{key}`"),
    ("refresh.hint.flag", "请指定 --{flag}"),
    (
        "refresh.finding.two_desired_kinds",
        "`{key}` 与 `{other}` 是两种期望配置，一次刷新最多只能指定一种",
    ),
    (
        "refresh.hint.one_desired_kind",
        "请在镜像、伸缩配置、启动模板（含版本和实例规格）中选择一种，或都不指定以使用伸缩组当前生效的配置",
    ),
    ("refresh.finding.needs_launch_template", "`{key}` 需要同时指定 `launchTemplateId`"),
    (
        "refresh.finding.version_no_rollback",
        "启动模板版本 `{version}` 不是固定版本：ESS 无法回滚此次刷新",
    ),
    ("refresh.hint.version_number", "请指定具体版本号以保留回滚能力"),
    (
        "refresh.finding.min_above_max",
        "minHealthyPercentage（{min}）大于 maxHealthyPercentage（{max}）",
    ),
    (
        "refresh.finding.pause_without_checkpoints",
        "未指定 `checkpoints` 时 `checkpointPauseTime` 不起作用",
    ),
    ("refresh.finding.no_checkpoints", "`checkpoints` 是空列表"),
    ("refresh.hint.leave_out_checkpoints", "不需要暂停时请不要指定 `checkpoints`"),
    (
        "refresh.finding.checkpoints_ascending",
        "检查点 {value} 没有排在 {before} 之后：检查点必须升序",
    ),
    ("refresh.finding.last_checkpoint", "最后一个检查点是 {value}；ESS 要求它为 100"),
    ("refresh.hint.last_checkpoint", "请以 100 结束列表"),
    ("refresh.refusal.group_not_found", "在此地域找不到伸缩组 {group}"),
    (
        "refresh.refusal.refresh_in_progress",
        "伸缩组 {group} 已有实例刷新任务 {task}（{status}）；ESS 每个伸缩组同时只运行一个刷新任务：请等待它结束或取消它",
    ),
    ("refresh.refusal.group_not_active", "伸缩组 {group} 的状态为 {state}，不是 Active"),
    (
        "refresh.refusal.eci_group",
        "伸缩组 {group} 是 ECI 伸缩组；本插件只刷新 ECS 伸缩组（ECI 请使用 --template container）",
    ),
    (
        "refresh.refusal.scale_out_policy",
        "伸缩组 {group} 的扩容策略为 {policy}；实例刷新要求优先级策略（Priority）",
    ),
    (
        "refresh.refusal.reclaim_mode",
        "伸缩组 {group} 的实例回收模式为 {mode}；实例刷新不支持经济模式或强制回收模式",
    ),
    (
        "refresh.refusal.image_on_launch_template",
        "伸缩组 {group} 使用启动模板 {template}，不能刷新到镜像：请改用 --launch-template-id 并指定新版本",
    ),
    ("refresh.warning.nothing_to_replace", "没有实例会被替换：所有实例都会被跳过"),
    ("refresh.warning.no_rollback", "此次刷新无法回滚（启动模板版本为 Default、Latest 或未指定）"),
    ("refresh.skip.matching", "已使用期望伸缩配置（SkipMatching）"),
    ("refresh.skip.standby", "处于 Standby 状态"),
    ("refresh.skip.protected", "处于 Protected 状态"),
    ("refresh.skip.manually_added", "手动添加的实例"),
    (
        "refresh.plan.documented",
        "MinHealthyPercentage = MaxHealthyPercentage = 100：ESS 文档说明每次替换一台实例",
    ),
    (
        "refresh.plan.assumed",
        "根据 MinHealthyPercentage {min} 和 MaxHealthyPercentage {max} 推算：同时最多在伸缩组规模之上新增 {surge} 台实例、最多 {out} 台停止服务；ESS 文档只说明了 100/100 的情形",
    ),
    ("refresh.schema.dollar_schema", "此文件遵循的 schema；会被忽略。"),
    (
        "refresh.schema.description",
        "实例刷新（`--template {short}`）：弹性伸缩按批用期望配置创建的新实例替换伸缩组中的实例，并释放旧实例。参数即 StartInstanceRefresh 的参数；最多一种期望配置；minHealthyPercentage 不大于 maxHealthyPercentage；检查点升序且最后一个为 100。",
    ),
    (
        "refresh.cli.needs_group",
        "{task} 是实例刷新任务：请指定 --scaling-group-id（ESS 只接受与伸缩组一起给出的任务 ID）",
    ),
    ("refresh.cli.not_found", "在伸缩组 {group} 中找不到实例刷新任务 {task}"),
    ("refresh.cli.confirm", "要对 {group} 启动实例刷新，用新实例替换 {count} 台实例吗？"),
    ("refresh.cli.not_started", "未启动"),
    ("refresh.cli.started", "已启动 {group} 的实例刷新 {task}；后续操作："),
    ("refresh.cli.to_replace", "将替换：{count} 台实例 {ids}"),
    ("refresh.cli.skipped", "跳过：{instance}，{reason}"),
    (
        "refresh.cli.render_flags",
        "--template refresh 不支持 --from-command 和 --parameters-out：请直接给出它的参数",
    ),
    ("refresh.cli.plan_batches", "{count} 台实例，分 {batches} 批，每批最多 {per} 台"),
    (
        "refresh.cli.plan_capacity",
        "同时最多在伸缩组规模之上新增 {surge} 台实例，最多 {out} 台停止服务",
    ),
    ("refresh.cli.plan_checkpoint", "检查点 {percentage}%：替换 {after} 台实例后暂停"),
    ("refresh.cli.held", "{task} 到达检查点：已挂起（SuspendInstanceRefresh），等待批准"),
    ("refresh.cli.timeout", "已达到 --timeout：停止跟踪 {task}；刷新仍在继续"),
    ("refresh.cli.paused", "{task} 在检查点暂停；继续请运行：{command}"),
    ("refresh.cli.progress", "第 {point} 个节点：已替换 {done}/{total} 的容量"),
    ("refresh.cli.ended", "{task} 已结束：{status} {detail}"),
    ("refresh.cli.rollback_not_done", "{task} 的回滚没有完成：当前状态为 {status}"),
    ("refresh.cli.status", "{group} 的 {task}：{status}，已替换 {done}/{total} 的容量"),
    ("refresh.cli.detail", "详情：{detail}"),
    ("refresh.cli.activity", "伸缩活动 {status}：创建 {created}；释放 {released}"),
    ("refresh.cli.not_paused", "{task} 的状态为 {status}，没有暂停：无需批准"),
    ("refresh.cli.resumed", "{task} 已继续（ResumeInstanceRefresh）"),
    ("refresh.cli.cannot_cancel", "{task} 的状态为 {status}：ESS 无法在此状态下取消它"),
    ("refresh.cli.confirm_cancel", "要取消实例刷新 {task} 吗？已替换的实例会保留。"),
    ("refresh.cli.cancelled", "{task}：已发送取消（CancelInstanceRefresh）；已替换的实例会保留"),
    ("refresh.cli.cannot_roll_back_state", "{task} 的状态为 {status}：ESS 无法在此状态下回滚它"),
    (
        "refresh.cli.cannot_roll_back_version",
        "{task} 刷新到的启动模板版本 {version} 不是固定版本：ESS 无法回滚",
    ),
    (
        "refresh.cli.rollback_flags",
        "--source-image-id、--package-version 和 --batch-number 用于回滚执行，不适用于实例刷新",
    ),
    (
        "refresh.cli.confirm_rollback",
        "要回滚实例刷新 {task} 吗？新实例会被替换为按之前配置创建的实例。",
    ),
    ("refresh.cli.rolling_back", "{task}：已开始回滚（RollbackInstanceRefresh）"),
];
