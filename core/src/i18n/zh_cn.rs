//! 简体中文文本：`(键, 文本)`，`{name}` 为占位符。每个键都与 [`super::en`] 一一对应，占位符相同
//! (`core/tests/texts.rs`)。

/// The Simplified Chinese table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "{name} 的示例"),
    // --- editors ---
    ("yaml.unexpected", "YAML 解析器在此处给出了意料之外的内容"),
    ("yaml.empty", "文件中没有 YAML 文档"),
    ("yaml.second_document", "只读取一个 YAML 文档；请删除第二个文档（`---` 之后的内容）"),
    ("yaml.too_deep", "嵌套超过 {max} 层"),
    ("yaml.alias", "参数文件不接受 YAML 别名（`*name`）；请直接写出取值"),
    ("yaml.anchor", "参数文件不接受 YAML 锚点（`&name`）；请删除锚点"),
    ("yaml.tag", "不接受 YAML 标签 `{tag}`；只接受 `!!str`（强制为文本）"),
    ("yaml.complex_key", "键必须是普通文本，不能是列表或映射"),
    ("yaml.duplicate_key", "同一映射中键 `{key}` 出现了两次"),
    (
        "yaml.leading_zero",
        "`{text}` 以 0 开头，YAML 1.1 将其读作八进制，YAML 1.2 读作十进制；加引号（'{text}'）保留为文本，或去掉前导 0 表示数字",
    ),
    ("yaml.not_a_json_number", "`{text}` 不是 JSON 能表示的数字"),
    ("yaml.number_too_large", "`{text}` 超出整数范围；加引号可保留为文本"),
    (
        "yaml.hint.quote",
        "YAML 将未加引号的 `{text}` 读作数字、布尔值或 null；加引号（'{text}'）可保留为文本",
    ),
    ("yaml.hint.boolean", "YAML 1.2 将 `{text}` 读作文本而不是布尔值：请写 true 或 false"),
    ("document.not_json", "不是有效的 JSON：{reason}，位于第 {line} 行第 {column} 列"),
    ("document.not_yaml", "不是有效的 YAML：{reason}，位于第 {line} 行第 {column} 列"),
    ("document.hint.yaml_syntax", "检查该位置附近的缩进（用空格，不用制表符）、冒号和引号"),
    (
        "update_file.not_an_object",
        "更新文件必须是包含 `template` 和 `parameters` 的映射（JSON 对象）",
    ),
    (
        "update_file.unknown_key",
        "`{key}` 不是更新文件的键；更新文件接受 `template`、`parameters`，以及可选的 `region`（和 `$schema`）",
    ),
    ("update_file.no_template", "更新文件缺少 `template`"),
    (
        "update_file.template_text",
        "`template` 必须是模板名称文本（image、command、package、file、oss-file、container，或完整的 ACS-ESS-... 名称）",
    ),
    ("update_file.no_parameters", "更新文件缺少 `parameters`"),
    ("update_file.parameters_object", "`parameters` 必须是由模板参数组成的映射（JSON 对象）"),
    (
        "update_file.bad_region",
        "`region` 必须是地域 ID，例如 cn-hangzhou（小写字母、数字和连字符）",
    ),
    (
        "update_file.conflicting_region",
        "更新文件指定的地域是 {file}，但本次运行调用的是 {run}；请传入 --region {file} 或修改文件",
    ),
    ("schema.snippet.invoke.label", "{template}：更新（invoke）"),
    ("schema.snippet.rollback.label", "{template}：回滚（rollback）"),
    ("schema.snippet.invoke.description", "使用 {template} 更新所需的字段"),
    ("schema.snippet.rollback.description", "回滚之前一次 {template} 更新所需的字段"),
    ("schema.update_file.title", "rolling-update 更新文件"),
    (
        "schema.update_file.description",
        "在一个文件中描述一次完整的滚动更新，供 `aliyun rolling-update start --update-file` 和 `render --update-file` 读取：模板、其参数，以及可选的地域。",
    ),
    ("schema.update_file.schema_key", "本文件遵循的 schema；插件会忽略它。"),
    ("schema.update_file.template", "OOS 公共模板：简称或完整的 ACS-ESS-... 名称。"),
    ("schema.update_file.region", "运行所在的地域（未指定 --region 时使用）。"),
    ("schema.update_file.parameters", "模板的参数，与参数文件相同；按该模板的 schema 校验。"),
    ("error.start.no_template", "start 需要 --template（{names}）或 --update-file"),
];
