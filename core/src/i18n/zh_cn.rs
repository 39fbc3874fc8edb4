//! 简体中文文本：`(键, 文本)`，`{name}` 为占位符。每个键都与 [`super::en`] 一一对应，占位符相同
//! (`core/tests/texts.rs`)。

/// The Simplified Chinese table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "{name} 的示例"),
    // --- editors ---
    ("yaml.syntax", "{reason}"),
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
];
