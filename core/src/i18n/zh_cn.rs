//! 简体中文文本：`(键, 文本)`，`{name}` 为占位符。每个键都与 [`super::en`] 一一对应，占位符相同
//! (`core/tests/texts.rs`)。

/// The Simplified Chinese table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "{name} 的示例"),
    // --- term ---
    (
        "wait.summary.success",
        "{id} 成功：{instances} 个实例中 {done} 个完成，{failed} 个失败；{batches} 批中完成 {batches_done} 批；用时 {duration}",
    ),
    (
        "wait.summary.cancelled",
        "{id} 已取消：{instances} 个实例中 {done} 个完成，{failed} 个失败；{batches} 批中完成 {batches_done} 批；用时 {duration}",
    ),
    (
        "wait.summary.failed",
        "{id} 失败：{instances} 个实例中 {done} 个完成，{failed} 个失败；{batches} 批中完成 {batches_done} 批；用时 {duration}",
    ),
    (
        "wait.summary.other",
        "{id} 以 {status} 结束：{instances} 个实例中 {done} 个完成，{failed} 个失败；{batches} 批中完成 {batches_done} 批；用时 {duration}",
    ),
    (
        "wait.summary.paused",
        "{id} 已暂停，等待确认：{instances} 个实例中 {done} 个完成，{failed} 个失败；{batches} 批中完成 {batches_done} 批；用时 {duration}",
    ),
    (
        "wait.summary.timed_out",
        "{id} 仍在运行（已达 --timeout）：{instances} 个实例中 {done} 个完成，{failed} 个失败；{batches} 批中完成 {batches_done} 批；用时 {duration}",
    ),
    ("wait.block.batch", "第 {batch} 批，共 {batches} 批 - {state}"),
    ("wait.block.no_batch", "第一批尚未开始，共 {batches} 批 - {state}"),
    ("wait.block.instances", "[{bar}] {done} 个完成，{failed} 个失败，共 {instances} 个实例"),
    ("wait.block.gate", "已用时 {elapsed} - 健康门禁：{gate}"),
    ("wait.block.paused_because", "已用时 {elapsed} - 已暂停：{reason}"),
    ("wait.block.paused", "已用时 {elapsed} - 已暂停，等待确认"),
    ("wait.block.running", "已用时 {elapsed} - 运行中"),
    ("wait.block.next", "下一步：{next}"),
    ("wait.heartbeat", "仍在跟踪：第 {batch} 批，{done} 个完成，{failed} 个失败，已用时 {elapsed}"),
    ("wait.event.batch_started", "第 {batch} 批已开始"),
    ("wait.event.batch_finished", "第 {batch} 批已结束：{succeeded} 个完成，{failed} 个失败"),
    ("wait.event.instance_done", "  {instance} 已完成（第 {batch} 批）"),
    ("wait.event.instance_failed", "  {instance} 失败（第 {batch} 批）"),
    ("wait.event.instance_failed_because", "  {instance} 失败（第 {batch} 批）：{message}"),
    ("wait.event.paused", "已暂停"),
    ("wait.event.paused_because", "已暂停（{reason}）"),
    ("wait.event.resumed", "已继续"),
    ("wait.event.finished", "已结束：{status}"),
    ("wait.event.finished_because", "已结束：{status}：{message}"),
    ("wait.poll_failed", "查询失败，稍后重试：{error}"),
    ("wait.stopped", "已停止跟踪 {id}；更新仍在继续。继续跟踪：{resume}"),
    ("wait.timed_out", "跟踪 {id} 已超过 {limit}；更新仍在继续。继续跟踪：{resume}"),
    ("wait.failed_line", "  失败：{who}：{message}"),
    ("wait.next_line", "  下一步：{step}"),
    (
        "plan.view.bar",
        "第 {number} 批 [{bar}] {out} 个停止服务，{serving} 个仍在服务（{percent}%）",
    ),
    ("plan.view.pause", "  暂停：第 {next} 批开始前等待确认"),
    ("plan.view.legend", "# 停止服务，= 已更新并在服务，- 尚未更新并在服务"),
    ("plan.batch", "第 {number} 批：{instances} 个实例，{percent}% 停止服务"),
    (
        "plan.batch_pause",
        "第 {number} 批：{instances} 个实例，{percent}% 停止服务，之后暂停等待确认",
    ),
    ("plan.warning", "警告：{warning}"),
    ("plan.note", "说明：{note}"),
    ("confirm.head.update", "将在 {region} 对 {group} 开始滚动更新（{template}）："),
    ("confirm.head.rollback", "将在 {region} 对 {group} 开始回滚（{template}）："),
    ("confirm.change.image", "  变更：镜像 {old} -> {new}"),
    ("confirm.change.image_back", "  变更：恢复镜像 {image}"),
    ("confirm.change.file", "  变更：{source}，然后运行：{script}"),
    ("confirm.change.script", "  变更：运行脚本：{script}"),
    ("confirm.change.package", "  变更：软件包 {package} {version}：{action}"),
    ("confirm.change.containers", "  变更：ECI 伸缩配置的容器（{count} 个容器定义）"),
    (
        "confirm.instances",
        "  实例：{instances} 个，分 {batches} 批，同时停止服务的最多占 {percent}%",
    ),
    ("confirm.batch", "    第 {number} 批：{instances} 个实例（{percent}% 停止服务）"),
    (
        "confirm.batch_pause",
        "    第 {number} 批：{instances} 个实例（{percent}% 停止服务），之后暂停等待确认",
    ),
    ("confirm.no_pauses", "  暂停：无（除非某批失败，否则一直运行到结束）"),
    ("confirm.pauses", "  暂停：{count} 次"),
    ("confirm.suspended", "  更新期间暂停的伸缩活动：{processes}"),
    ("confirm.suspended_none", "  更新期间暂停的伸缩活动：无"),
    ("help.global.version", "显示插件版本"),
    ("help.completion.about", "为你的 shell 输出补全脚本（bash、zsh、fish 或 powershell）"),
    ("help.completion.shell", "要补全的 shell"),
    ("help.man.about", "输出 man 手册页（roff 格式），与 --help 由同一份定义生成"),
    ("help.man.out_dir", "把 aliyun-rolling-update.1 及每个子命令的 aliyun-rolling-update-<verb>.1 写入此目录（不存在则创建），而不是输出主页面"),
    (
        "help.validate.examples",
        "示例：\n  # 检查参数文件\n  aliyun rolling-update validate --template image --file params.json\n  # 检查从标准输入读取的文件\n  cat params.json | aliyun rolling-update validate --template command --file -",
    ),
    (
        "help.schema.examples",
        "示例：\n  # 为编辑器输出镜像模板的 schema\n  aliyun rolling-update schema --template image > image.schema.json",
    ),
    (
        "help.render.examples",
        "示例：\n  # 生成可粘贴到 PowerShell 的命令\n  aliyun rolling-update render --template image --scaling-group-id asg-xxx --image-id m-xxx --shell powershell\n  # 把粘贴的 bash 命令改写为 fish 命令\n  aliyun rolling-update render --from-command cmd.txt --from-shell bash --shell fish",
    ),
    (
        "help.start.examples",
        "示例：\n  # 分 3 批替换镜像，第一批后暂停，并跟踪进度\n  aliyun rolling-update start --template image --scaling-group-id asg-xxx --image-id m-xxx --batch-number 3 --batch-pause-option FirstBatchPause --wait\n  # 运行脚本，每批结束后用健康检查把关\n  aliyun rolling-update start --template command --scaling-group-id asg-xxx --invoke-script-file update.sh --check ./check-health.sh --bake 5m",
    ),
    (
        "help.rollback.examples",
        "示例：\n  # 按原更新记录的参数回滚\n  aliyun rolling-update rollback exec-xxx\n  # 分 2 批回滚，不再确认\n  aliyun rolling-update rollback exec-xxx --batch-number 2 -y",
    ),
    (
        "help.status.examples",
        "示例：\n  # 查看更新进行到哪里\n  aliyun rolling-update status exec-xxx\n  # 列出每一批的每个实例\n  aliyun rolling-update status exec-xxx --verbose",
    ),
    (
        "help.wait.examples",
        "示例：\n  # 跟踪更新，直到结束或暂停\n  aliyun rolling-update wait exec-xxx\n  # 跨过暂停继续跟踪，最长一小时\n  aliyun rolling-update wait exec-xxx --through-pauses --timeout 1h",
    ),
    (
        "help.approve.examples",
        "示例：\n  # 让已暂停的更新继续下一批\n  aliyun rolling-update approve exec-xxx",
    ),
    (
        "help.cancel.examples",
        "示例：\n  # 不经确认直接取消更新\n  aliyun rolling-update cancel exec-xxx -y",
    ),
    (
        "help.list.examples",
        "示例：\n  # 某个伸缩组最近的五次更新\n  aliyun rolling-update list --scaling-group-id asg-xxx --max-results 5\n  # 等待确认的更新\n  aliyun rolling-update list --status Waiting",
    ),
    (
        "help.plan.examples",
        "示例：\n  # 离线预览 10 个实例分 4 批\n  aliyun rolling-update plan --instances 10 --batch-number 4 --batch-pause-option EveryBatchPause\n  # 按伸缩组当前的实例预览\n  aliyun rolling-update plan --template image --scaling-group-id asg-xxx --batch-number 3",
    ),
    (
        "help.doctor.examples",
        "示例：\n  # 检查凭证、地域、时钟和权限\n  aliyun rolling-update doctor --region cn-hangzhou",
    ),
    (
        "help.demo.examples",
        "示例：\n  # 在本地模拟中观看一次完整更新\n  aliyun rolling-update demo\n  # 观看健康门禁触发的金丝雀回滚\n  aliyun rolling-update demo --scenario canary --speed 4",
    ),
    ("help.version.examples", "示例：\n  # 显示版本\n  aliyun rolling-update version"),
    (
        "help.completion.examples",
        "示例：\n  # 为当前用户安装 bash 补全\n  aliyun-cli-rolling-update completion bash > ~/.local/share/bash-completion/completions/aliyun-cli-rolling-update\n  # 立即加载 fish 补全\n  aliyun-cli-rolling-update completion fish | source",
    ),
    (
        "help.man.examples",
        "示例：\n  # 阅读 man 手册页\n  aliyun-cli-rolling-update man | man -l -\n  # 写出全部手册页以便安装\n  aliyun-cli-rolling-update man --out-dir ~/.local/share/man/man1",
    ),
];
