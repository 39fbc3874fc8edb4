//! 简体中文文本：`(键, 文本)`，`{name}` 为占位符。每个键都与 [`super::en`] 一一对应，占位符相同
//! (`core/tests/texts.rs`)。

/// The Simplified Chinese table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "{name} 的示例"),
];
