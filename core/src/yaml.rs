//! YAML parameter files, read into the same JSON value a JSON file gives, with the line and
//! column of every value.
//!
//! The reading follows YAML 1.2's core schema and refuses what would silently change a value:
//!
//! - `yes`, `no`, `on`, `off` (YAML 1.1's booleans) stay text; only `true` and `false` (any
//!   case form the core schema allows) are booleans.
//! - A quoted scalar is always text (`'0123'`, `"20250101"`). A plain one that reads as a
//!   number stays a number, so a bare number where a template wants text is a finding (with a
//!   hint to quote it), never a quiet conversion.
//! - A plain decimal with a leading zero (`0123`) is refused: YAML 1.1 reads it as octal, 1.2 as
//!   decimal, and the file's author meant one of them.
//! - `.inf` and `.nan` are refused: JSON has no such numbers.
//! - A key given twice in one mapping is an error at its second line.
//! - Anchors (`&a`) and aliases (`*a`) are refused: a parameters file has nothing to share, and
//!   refusing them rules out alias bombs. Tags other than `!!str` are refused too.
//! - One document per file; nesting deeper than [`MAX_DEPTH`] is refused.
//!
//! ```
//! use rolling_update_core::yaml;
//!
//! let doc = yaml::parse("scalingGroupId: asg-1\nenterProcess:\n  - ScaleIn\nanswer: yes\n").unwrap();
//! assert_eq!(doc.value["answer"], "yes");
//! assert_eq!(doc.position("/enterProcess/0").map(|p| p.line), Some(3));
//! ```

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::i18n::Text;
use crate::t;

/// How deep mappings and lists may nest.
pub const MAX_DEPTH: usize = 64;

/// A place in the text: line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1 (in characters).
    pub column: usize,
}

impl Position {
    fn of(mark: Marker) -> Position {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Position { line: mark.line().max(1), column: mark.col() + 1 }
    }
}

/// What the reading kept about one value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    at: Position,
    /// The source text of a plain (unquoted) scalar that was read as something other than
    /// text: a number, a boolean or null.
    plain: Option<String>,
}

/// A YAML file as read: its value and where each part of it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The value, as JSON.
    pub value: Value,
    nodes: BTreeMap<String, Node>,
}

impl Document {
    /// Where the value at `pointer` (RFC 6901) starts: a mapping entry's key, a list item. A
    /// pointer to something absent gives the place of its nearest present parent.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        let mut pointer = pointer;
        loop {
            if let Some(node) = self.nodes.get(pointer) {
                return Some(node.at);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }

    /// The source text of the value at `pointer` when it was written unquoted and read as a
    /// number, a boolean or null (`0.5`, `true`, `~`).
    pub fn unquoted(&self, pointer: &str) -> Option<&str> {
        self.nodes.get(pointer)?.plain.as_deref()
    }
}

/// Why a YAML text could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong.
    pub message: Text,
    /// Where.
    pub at: Position,
}

/// Reads a YAML text (one document) into JSON with positions.
pub fn parse(text: &str) -> Result<Document, YamlError> {
    let mut reader = Reader { parser: Parser::new_from_str(text), nodes: BTreeMap::new() };
    let value = reader.document()?;
    Ok(Document { value, nodes: reader.nodes })
}

struct Reader<'a> {
    parser: Parser<std::str::Chars<'a>>,
    nodes: BTreeMap<String, Node>,
}

impl Reader<'_> {
    fn next(&mut self) -> Result<(Event, Marker), YamlError> {
        self.parser.next_token().map_err(|err| YamlError {
            // The parser's own words (English): not ours to translate.
            message: Text::raw(err.info().to_owned()),
            at: Position::of(*err.marker()),
        })
    }

    fn document(&mut self) -> Result<Value, YamlError> {
        let (mut event, mut mark) = self.next()?;
        if event == Event::StreamStart {
            (event, mark) = self.next()?;
        }
        if event == Event::StreamEnd {
            return Err(YamlError { message: t!("yaml.empty"), at: Position::of(mark) });
        }
        let (first, first_mark) = self.next()?;
        let value = self.node(first, first_mark, String::new(), 0)?;
        // The parser itself ends a document before anything else can follow its node.
        let (mut event, mut mark) = self.next()?;
        if event == Event::DocumentEnd {
            (event, mark) = self.next()?;
        }
        match (event, mark) {
            (Event::StreamEnd, _) => Ok(value),
            (_, mark) => {
                Err(YamlError { message: t!("yaml.second_document"), at: Position::of(mark) })
            }
        }
    }

    fn node(
        &mut self,
        event: Event,
        mark: Marker,
        pointer: String,
        depth: usize,
    ) -> Result<Value, YamlError> {
        let at = Position::of(mark);
        let refuse = |message: Text| Err(YamlError { message, at });
        if depth > MAX_DEPTH {
            return refuse(t!("yaml.too_deep", max = MAX_DEPTH));
        }
        let (value, plain) = match event {
            Event::Alias(_) => return refuse(t!("yaml.alias")),
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _)
                if anchor != 0 =>
            {
                return refuse(t!("yaml.anchor"));
            }
            Event::Scalar(text, style, _, tag) => scalar(text, style, tag.as_ref(), at)?,
            Event::SequenceStart(_, Some(tag)) | Event::MappingStart(_, Some(tag)) => {
                return refuse(t!("yaml.tag", tag = tag_name(&tag)));
            }
            Event::SequenceStart(..) => (self.sequence(&pointer, depth)?, None),
            Event::MappingStart(..) => (self.mapping(&pointer, depth)?, None),
            _ => return refuse(t!("yaml.unexpected")),
        };
        // A mapping entry's place is its key's, recorded before its value.
        let node = self.nodes.entry(pointer).or_insert(Node { at, plain: None });
        node.plain = plain;
        Ok(value)
    }

    fn sequence(&mut self, pointer: &str, depth: usize) -> Result<Value, YamlError> {
        let mut items = Vec::new();
        loop {
            let (event, mark) = self.next()?;
            if event == Event::SequenceEnd {
                return Ok(Value::Array(items));
            }
            let child = format!("{pointer}/{}", items.len());
            items.push(self.node(event, mark, child, depth + 1)?);
        }
    }

    fn mapping(&mut self, pointer: &str, depth: usize) -> Result<Value, YamlError> {
        let mut map = Map::new();
        loop {
            let (event, mark) = self.next()?;
            let at = Position::of(mark);
            let key = match event {
                Event::MappingEnd => return Ok(Value::Object(map)),
                Event::Scalar(_, _, anchor, _) if anchor != 0 => {
                    return Err(YamlError { message: t!("yaml.anchor"), at });
                }
                Event::Scalar(text, ..) => text,
                Event::Alias(_) => return Err(YamlError { message: t!("yaml.alias"), at }),
                _ => return Err(YamlError { message: t!("yaml.complex_key"), at }),
            };
            if map.contains_key(&key) {
                return Err(YamlError { message: t!("yaml.duplicate_key", key = key), at });
            }
            let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
            self.nodes.insert(child.clone(), Node { at, plain: None });
            let (event, mark) = self.next()?;
            let value = self.node(event, mark, child, depth + 1)?;
            map.insert(key, value);
        }
    }
}

fn tag_name(tag: &Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

/// A scalar's value under the core schema, and its source text when it was plain and read as
/// something other than text.
fn scalar(
    text: String,
    style: TScalarStyle,
    tag: Option<&Tag>,
    at: Position,
) -> Result<(Value, Option<String>), YamlError> {
    if let Some(tag) = tag {
        let is_str =
            tag.suffix == "str" && matches!(tag.handle.as_str(), "!!" | "tag:yaml.org,2002:");
        if is_str {
            return Ok((Value::String(text), None));
        }
        return Err(YamlError { message: t!("yaml.tag", tag = tag_name(tag)), at });
    }
    if style != TScalarStyle::Plain {
        return Ok((Value::String(text), None));
    }
    let value = match plain(&text) {
        Plain::Text => return Ok((Value::String(text), None)),
        Plain::Value(value) => value,
        Plain::Refused(message) => return Err(YamlError { message, at }),
    };
    Ok((value, Some(text)))
}

enum Plain {
    Text,
    Value(Value),
    Refused(Text),
}

/// Resolves a plain scalar by the YAML 1.2 core schema (with the refusals the module names).
fn plain(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Value(Value::Null),
        "true" | "True" | "TRUE" => return Plain::Value(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Plain::Value(Value::Bool(false)),
        _ => {}
    }
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['-', '+']);
    if matches!(unsigned, ".inf" | ".nan") {
        return Plain::Refused(t!("yaml.not_a_json_number", text = text));
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = lower.strip_prefix("0x").filter(|s| digits(s, 16)) {
        return integer(i64::from_str_radix(hex, 16).ok(), text);
    }
    if let Some(oct) = lower.strip_prefix("0o").filter(|s| digits(s, 8)) {
        return integer(i64::from_str_radix(oct, 8).ok(), text);
    }
    if digits(unsigned, 10) {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return Plain::Refused(t!("yaml.leading_zero", text = text));
        }
        return integer(text.parse::<i64>().ok(), text);
    }
    if is_float(unsigned) {
        return match text.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Plain::Value(Value::Number(n)),
            None => Plain::Refused(t!("yaml.not_a_json_number", text = text)),
        };
    }
    Plain::Text
}

fn integer(value: Option<i64>, text: &str) -> Plain {
    match value {
        Some(n) => Plain::Value(Value::from(n)),
        None => Plain::Refused(t!("yaml.number_too_large", text = text)),
    }
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float without its sign.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            all_digits(whole) && all_digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn error(text: &str) -> YamlError {
        parse(text).expect_err(text)
    }

    #[test]
    fn values_read_as_json_with_their_places() {
        let doc = parse(
            "# a comment\ninvokeType: invoke\nbatchNumber: 2\nenterProcess:\n  - ScaleIn\n  - \
             ScaleOut\nflag: true\nnothing: ~\nratio: 0.5\n",
        )
        .unwrap();
        assert_eq!(
            doc.value,
            json!({"invokeType": "invoke", "batchNumber": 2, "enterProcess": ["ScaleIn",
                   "ScaleOut"], "flag": true, "nothing": null, "ratio": 0.5})
        );
        assert_eq!(doc.position("/invokeType"), Some(Position { line: 2, column: 1 }));
        assert_eq!(doc.position("/enterProcess/1"), Some(Position { line: 6, column: 5 }));
        // Absent: the nearest parent that is present.
        assert_eq!(doc.position("/enterProcess/9").map(|p| p.line), Some(4));
        assert_eq!(doc.position("/missing").map(|p| p.line), Some(2));
        assert_eq!(doc.unquoted("/batchNumber"), Some("2"));
        assert_eq!(doc.unquoted("/invokeType"), None);
    }

    #[test]
    fn yaml_1_1_booleans_stay_text_and_quoted_numbers_stay_text() {
        let doc = parse("a: yes\nb: no\nc: on\nd: off\ne: '0123'\nf: \"20250101\"\ng: !!str 7\n")
            .unwrap();
        assert_eq!(
            doc.value,
            json!({"a": "yes", "b": "no", "c": "on", "d": "off", "e": "0123", "f": "20250101",
                   "g": "7"})
        );
    }

    #[test]
    fn traps_are_refused_at_their_place() {
        let dup = error("a: 1\nb: 2\na: 3\n");
        assert_eq!(dup.at.line, 3);
        assert!(dup.message.contains("`a`"), "{}", dup.message.as_str());
        assert_eq!(error("id: 0123\n").message.key(), Some("yaml.leading_zero"));
        assert_eq!(error("x: .inf\n").message.key(), Some("yaml.not_a_json_number"));
        assert_eq!(error("a: &x 1\nb: *x\n").message.key(), Some("yaml.anchor"));
        assert_eq!(error("a: [1]\nb: *x\n").message.key(), None, "the parser's own words");
        assert_eq!(error("a: !!int 1\n").message.key(), Some("yaml.tag"));
        assert_eq!(error("? [a]\n: 1\n").message.key(), Some("yaml.complex_key"));
        assert_eq!(error("a: 1\n---\nb: 2\n").message.key(), Some("yaml.second_document"));
        assert_eq!(error("").message.key(), Some("yaml.empty"));
        assert_eq!(error("n: 99999999999999999999\n").message.key(), Some("yaml.number_too_large"));
        let deep = "a: ".to_owned() + &"[".repeat(70) + &"]".repeat(70);
        assert_eq!(error(&deep).message.key(), Some("yaml.too_deep"));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = error("a: 1\nb: [1, 2\nc: 3\n");
        assert_eq!(err.message.key(), None, "the parser's own words");
        assert!(err.at.line >= 2, "{err:?}");
        let tab = error("a:\n\t- 1\n");
        assert_eq!(tab.at.line, 2, "{tab:?}");
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        for (text, value) in [
            ("12", json!(12)),
            ("-3", json!(-3)),
            ("0", json!(0)),
            ("0x1F", json!(31)),
            ("0o17", json!(15)),
            ("1.5", json!(1.5)),
            ("1e3", json!(1000.0)),
            ("False", json!(false)),
            ("NULL", Value::Null),
        ] {
            let got = match plain(text) {
                Plain::Value(v) => Some(v),
                _ => None,
            };
            assert_eq!(got, Some(value), "{text}");
        }
        for text in ["yes", "No", "asg-1", "1.2.3", "1e", "e3", ".", "-", "0x", "12abc"] {
            assert!(matches!(plain(text), Plain::Text), "{text}");
        }
    }

    #[test]
    fn a_key_with_slash_or_tilde_is_escaped_in_the_pointer() {
        let doc = parse("a/b: 1\nc~d: 2\n").unwrap();
        assert_eq!(doc.position("/a~1b").map(|p| p.line), Some(1));
        assert_eq!(doc.position("/c~0d").map(|p| p.line), Some(2));
    }
}
