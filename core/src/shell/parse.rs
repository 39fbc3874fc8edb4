//! Reading a pasted command back: which template, which payload, which region.

use serde_json::{Map, Value};

use super::flags::{apply_flag, flag_spec};
use super::gate::GateOptions;
use super::lex::{LexError, Word, lex};
use super::{Shell, StartCommand};
use crate::i18n::Text;
use crate::t;
use crate::template::Template;

/// Which of the two command forms was pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandForm {
    /// `aliyun oos StartExecution --TemplateName ... --Parameters ...`.
    StartExecution,
    /// The plugin's `aliyun rolling-update start --template ... --flag value ...`.
    Plugin,
}

/// A flag of the pasted command that [`parse`] keeps without interpreting it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The flag as written, with its dashes (`--cli-dry-run`).
    pub name: String,
    /// Its value, when it has one.
    pub value: Option<String>,
}

/// What a pasted command asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedCommand {
    /// Which form it was written in.
    pub form: CommandForm,
    /// The template (`--TemplateName` or `--template`).
    pub template: Template,
    /// The payload object: the `--Parameters` JSON, or the object built from the plugin's
    /// flags. Empty when the parameters come only from a file.
    pub parameters: Value,
    /// `--region`, or else `--RegionId`.
    pub region: Option<String>,
    /// The file the command reads its parameters from (`--Parameters-FILE` or
    /// `--parameters-file`); its contents are not in the text.
    pub parameters_file: Option<String>,
    /// The plugin form's health-gate options (`--check`, `--alarm`, ...); empty otherwise.
    pub gate: GateOptions,
    /// Every other flag, in order.
    pub other_flags: Vec<Flag>,
    /// Things worth telling the user (a file read at run time, an ignored flag, ...).
    pub notes: Vec<Text>,
}

impl ParsedCommand {
    /// The command as a [`StartCommand`], to render it again (for another shell, say).
    pub fn to_start_command(&self) -> StartCommand {
        StartCommand {
            template: self.template,
            parameters: self.parameters.clone(),
            region: self.region.clone(),
            parameters_file: self.parameters_file.clone(),
        }
    }
}

/// A pasted command that cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: Text,
    /// Byte offset in the pasted text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

crate::display_as_text!(ParseError);

impl std::error::Error for ParseError {}

impl ParseError {
    /// What is wrong and where, for a person: `MESSAGE (line L, column C)` (the `Display`).
    pub fn text(&self) -> Text {
        t!("shell.parse.at", message: self.message.clone(), line = self.line, column = self.column)
    }

    fn at(text: &str, offset: usize, message: impl Into<Text>) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        ParseError { message: message.into(), offset, line, column }
    }
}

/// Reads a command pasted into `shell`, the way that shell would split it.
///
/// Accepts `aliyun oos StartExecution` with `--TemplateName`, `--Parameters JSON` (one
/// argument, `--Parameters=JSON`, or JSON the shell split into several arguments, which are
/// joined with a note), `--Parameters-FILE F`, `--region` and `--RegionId`; and the plugin's
/// `aliyun rolling-update start --template T --scaling-group-id ...` (also spelled
/// `aliyun-cli-rolling-update [rolling-update] start|render ...`). Expansions such as `$VAR`
/// are refused with their position, since only the shell could fill them in.
///
/// # Errors
///
/// A [`ParseError`] with the position of the first problem.
pub fn parse(text: &str, shell: Shell) -> Result<ParsedCommand, ParseError> {
    let lexed = lex(text, shell)
        .map_err(|LexError { offset, message }| ParseError::at(text, offset, message))?;
    let mut parsed = interpret(text, &lexed.words)?;
    parsed.notes.splice(0..0, lexed.notes);
    Ok(parsed)
}

/// Splits `text` into the arguments `shell` would give the program (`argv[0]` first), without
/// reading them as a command: for tests that feed a rendered command to a real argument parser.
///
/// # Errors
///
/// A [`ParseError`] where the shell would fail or expand something.
pub fn split(text: &str, shell: Shell) -> Result<Vec<String>, ParseError> {
    let lexed = lex(text, shell)
        .map_err(|LexError { offset, message }| ParseError::at(text, offset, message))?;
    Ok(lexed.words.into_iter().map(|w| w.text).collect())
}

/// Reads a command from the arguments a program received (`argv[0]` is the program). Error
/// positions count in the arguments joined with single spaces.
///
/// # Errors
///
/// As [`parse`].
pub fn parse_argv(argv: &[String]) -> Result<ParsedCommand, ParseError> {
    let mut text = String::new();
    let mut words = Vec::with_capacity(argv.len());
    for arg in argv {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(arg);
        words.push(Word { text: arg.clone(), origin: (start..text.len()).collect(), start });
    }
    interpret(&text, &words)
}

/// A flag word, its name, and its inline `=value`.
type FlagParts<'w> = (&'w Word, String, Option<String>);

struct Reader<'a> {
    text: &'a str,
    words: &'a [Word],
    i: usize,
}

impl Reader<'_> {
    fn error<T>(&self, offset: usize, message: Text) -> Result<T, ParseError> {
        Err(ParseError::at(self.text, offset, message))
    }

    /// Just past the last word's last character (each byte of a character maps to its start).
    fn end(&self) -> usize {
        let Some(word) = self.words.last() else { return self.text.len() };
        let last = word.source_offset(word.text.len().max(1) - 1);
        last + self.text.get(last..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8)
    }

    /// The next flag and the word holding its inline `=value`, if any.
    fn next_flag(&mut self) -> Result<Option<FlagParts<'_>>, ParseError> {
        let Some(word) = self.words.get(self.i) else { return Ok(None) };
        self.i += 1;
        if !word.text.starts_with('-') {
            return self.error(word.start, t!("shell.parse.expected_flag", word = word.text));
        }
        Ok(Some(match word.text.split_once('=') {
            Some((name, value)) => (word, name.to_owned(), Some(value.to_owned())),
            None => (word, word.text.clone(), None),
        }))
    }

    /// The value of a flag that takes one: its inline `=value` or the next word.
    fn value(
        &mut self,
        flag: &Word,
        name: &str,
        inline: Option<String>,
    ) -> Result<(String, Option<Word>), ParseError> {
        if let Some(value) = inline {
            return Ok((value, None));
        }
        match self.words.get(self.i) {
            Some(next) => {
                self.i += 1;
                Ok((next.text.clone(), Some(next.clone())))
            }
            None => self.error(flag.start, t!("shell.parse.needs_value", flag = name)),
        }
    }

    /// A flag this module does not interpret: its value is the next word unless that is a flag.
    fn other(&mut self, name: String, inline: Option<String>) -> Flag {
        let value = inline.or_else(|| {
            let next = self.words.get(self.i).filter(|w| !w.text.starts_with("--"))?;
            self.i += 1;
            Some(next.text.clone())
        });
        Flag { name, value }
    }
}

fn interpret(text: &str, words: &[Word]) -> Result<ParsedCommand, ParseError> {
    let mut reader = Reader { text, words, i: 0 };
    let Some(program) = words.first() else {
        return reader.error(0, t!("shell.parse.empty"));
    };
    let base = program.text.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    let lower = |i: usize| words.get(i).map(|w| w.text.to_ascii_lowercase());
    let form = match base {
        "aliyun" if lower(1).as_deref() == Some("oos") => {
            if lower(2).as_deref() != Some("startexecution") {
                let at = words.get(2).map_or(reader.end(), |w| w.start);
                return reader.error(at, t!("shell.parse.expected_start_execution"));
            }
            reader.i = 3;
            CommandForm::StartExecution
        }
        "aliyun" if lower(1).as_deref() == Some("rolling-update") => {
            reader.i = 2;
            CommandForm::Plugin
        }
        "aliyun-cli-rolling-update" => {
            reader.i = if lower(1).as_deref() == Some("rolling-update") { 2 } else { 1 };
            CommandForm::Plugin
        }
        _ => {
            let found = t!("shell.parse.unknown_program", program = program.text);
            return reader.error(program.start, found);
        }
    };
    match form {
        CommandForm::StartExecution => start_execution(reader),
        CommandForm::Plugin => {
            let verb = words.get(reader.i);
            match verb.map(|w| w.text.as_str()) {
                Some("start" | "render") => reader.i += 1,
                _ => {
                    let at = verb.map_or(reader.end(), |w| w.start);
                    return reader.error(at, t!("shell.parse.expected_verb"));
                }
            }
            plugin(reader)
        }
    }
}

fn start_execution(mut reader: Reader<'_>) -> Result<ParsedCommand, ParseError> {
    let mut template = None;
    let mut parameters = None;
    let mut parameters_file = None;
    let mut region = None;
    let mut region_id = None;
    let mut other_flags = Vec::new();
    let mut notes = Vec::new();
    while let Some((flag, name, inline)) = reader.next_flag()? {
        let flag = flag.clone();
        match name.as_str() {
            "--TemplateName" => {
                let (value, word) = reader.value(&flag, &name, inline)?;
                let at = word.as_ref().map_or(flag.start, |w| w.start);
                template =
                    Some(Template::from_name(&value).or_else(|e| reader.error(at, e.text()))?);
            }
            "--Parameters" => {
                if parameters.is_some() {
                    return reader.error(flag.start, t!("shell.parse.twice", flag = name));
                }
                let (value, word) = reader.value(&flag, &name, inline)?;
                parameters = Some(parameters_json(&mut reader, &flag, &value, word, &mut notes)?);
            }
            "--Parameters-FILE" => {
                let (value, _) = reader.value(&flag, &name, inline)?;
                notes.push(t!("shell.parse.file_note", file = value));
                parameters_file = Some(value);
            }
            "--region" => region = Some(reader.value(&flag, &name, inline)?.0),
            "--RegionId" => region_id = Some(reader.value(&flag, &name, inline)?.0),
            _ => other_flags.push(reader.other(name, inline)),
        }
    }
    if parameters.is_some() && parameters_file.is_some() {
        return reader.error(reader.end(), t!("shell.parse.both_parameters"));
    }
    let Some(template) = template else {
        return reader.error(reader.end(), t!("shell.parse.missing", flag = "--TemplateName"));
    };
    if parameters.is_none() && parameters_file.is_none() {
        return reader.error(reader.end(), t!("shell.parse.missing", flag = "--Parameters"));
    }
    let region = match (region, region_id) {
        (Some(region), Some(id)) if region != id => {
            notes.push(t!("shell.parse.region_note", region = region, id = id));
            Some(region)
        }
        (region, id) => region.or(id),
    };
    Ok(ParsedCommand {
        form: CommandForm::StartExecution,
        template,
        parameters: parameters.unwrap_or_else(|| Value::Object(Map::new())),
        region,
        parameters_file,
        gate: GateOptions::default(),
        other_flags,
        notes,
    })
}

/// Reads the `--Parameters` JSON. When it is not valid alone and the following words are not
/// flags, the shell may have split unquoted JSON at blanks: those words are joined back.
fn parameters_json(
    reader: &mut Reader<'_>,
    flag: &Word,
    value: &str,
    word: Option<Word>,
    notes: &mut Vec<Text>,
) -> Result<Value, ParseError> {
    let first_error = match serde_json::from_str::<Value>(value) {
        Ok(json) => return object(reader, flag, json),
        Err(err) => err,
    };
    let rest: Vec<&Word> =
        reader.words[reader.i..].iter().take_while(|w| !w.text.starts_with("--")).collect();
    if !rest.is_empty() {
        let joined = std::iter::once(value).chain(rest.iter().map(|w| w.text.as_str()));
        let joined = joined.collect::<Vec<_>>().join(" ");
        if let Ok(json) = serde_json::from_str::<Value>(&joined) {
            reader.i += rest.len();
            notes.push(t!("shell.parse.json_split"));
            return object(reader, flag, json);
        }
    }
    // Point at the byte of the JSON that serde_json stopped at.
    let byte = byte_of(value, first_error.line(), first_error.column());
    let at = match &word {
        Some(word) => word.source_offset(byte),
        None => flag.source_offset(flag.text.len() - value.len() + byte),
    };
    reader.error(at, t!("shell.parse.not_json", reason = first_error))
}

fn object(reader: &Reader<'_>, flag: &Word, json: Value) -> Result<Value, ParseError> {
    if json.is_object() { Ok(json) } else { reader.error(flag.start, t!("shell.parse.not_object")) }
}

/// The byte index of a 1-based line and column as serde_json reports them.
fn byte_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len().saturating_sub(1))
}

fn plugin(mut reader: Reader<'_>) -> Result<ParsedCommand, ParseError> {
    let mut template = None;
    let mut payload = Map::new();
    let mut parameters_file = None;
    let mut region = None;
    let mut gate = GateOptions::default();
    let mut other_flags = Vec::new();
    let mut notes = Vec::new();
    while let Some((flag, name, inline)) = reader.next_flag()? {
        let flag = flag.clone();
        let bare = name.trim_start_matches('-');
        if let (true, Some(spec)) = (name.starts_with("--"), flag_spec(bare)) {
            let (value, word) = reader.value(&flag, &name, inline)?;
            let at = word.as_ref().map_or(flag.start, |w| w.start);
            apply_flag(&mut payload, spec, &value).or_else(|e| reader.error(at, e.text()))?;
            continue;
        }
        if gate_flag(&mut reader, &mut gate, &flag, &name, inline.clone())? {
            continue;
        }
        match name.as_str() {
            "--template" => {
                let (value, word) = reader.value(&flag, &name, inline)?;
                let at = word.as_ref().map_or(flag.start, |w| w.start);
                template =
                    Some(Template::from_name(&value).or_else(|e| reader.error(at, e.text()))?);
            }
            "--region" => region = Some(reader.value(&flag, &name, inline)?.0),
            "--parameters-file" => {
                let (value, _) = reader.value(&flag, &name, inline)?;
                notes.push(t!("shell.parse.plugin_file_note", file = value));
                parameters_file = Some(value);
            }
            "--invoke-script-file" | "--rollback-script-file" => {
                let kept = reader.other(name, inline);
                notes.push(match kept.value.as_deref() {
                    Some(file) => t!("shell.parse.script_note", flag = kept.name, file = file),
                    None => t!("shell.parse.script_note_no_file", flag = kept.name),
                });
                other_flags.push(kept);
            }
            _ => other_flags.push(reader.other(name, inline)),
        }
    }
    let Some(template) = template else {
        return reader.error(reader.end(), t!("shell.parse.missing", flag = "--template"));
    };
    Ok(ParsedCommand {
        form: CommandForm::Plugin,
        template,
        parameters: Value::Object(payload),
        region,
        parameters_file,
        gate,
        other_flags,
        notes,
    })
}

/// Reads one health-gate flag into `gate`, as the plugin's parser would (`--alarm a,b` is two
/// rules); false when `name` is not one.
fn gate_flag(
    reader: &mut Reader<'_>,
    gate: &mut GateOptions,
    flag: &Word,
    name: &str,
    inline: Option<String>,
) -> Result<bool, ParseError> {
    let slot = match name {
        "--check" => &mut gate.check,
        "--check-timeout" => &mut gate.check_timeout,
        "--bake" => &mut gate.bake,
        "--on-unhealthy" => &mut gate.on_unhealthy,
        "--alarm" => {
            let (value, _) = reader.value(flag, name, inline)?;
            gate.alarms.extend(value.split(',').map(str::to_owned));
            return Ok(true);
        }
        "--insufficient-data-ok" if inline.is_some() => {
            return reader.error(flag.start, t!("shell.parse.takes_no_value", flag = name));
        }
        "--insufficient-data-ok" => {
            gate.insufficient_data_ok = true;
            return Ok(true);
        }
        _ => return Ok(false),
    };
    *slot = Some(reader.value(flag, name, inline)?.0);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Found by the `shell_parse` fuzz target: an error at the end of a command whose last
    /// character takes two bytes pointed inside that character.
    #[test]
    fn an_error_at_the_end_points_past_a_multibyte_last_character() {
        let text = "aliyun oos StartExecution --TemplateName image --region \u{64b}";
        for shell in Shell::ALL {
            let err = parse(text, shell).unwrap_err();
            assert_eq!(err.offset, text.len(), "{shell}: {err}");
            assert_eq!(err.column, text.chars().count() + 1, "{shell}: {err}");
        }
        let err = ParseError::at("a\u{e9}", 2, Text::raw("m"));
        assert_eq!(
            (err.offset, err.column),
            (1, 2),
            "an offset inside a character moves to its start"
        );
    }

    #[test]
    fn reads_the_start_execution_form_with_equals_and_region_id() {
        let parsed = parse(
            "aliyun oos StartExecution --RegionId cn-beijing --cli-dry-run \
             --TemplateName=ACS-ESS-RollingUpdateByConfigureOOSPackage --Parameters='{\"a\":1}'",
            Shell::Bash,
        )
        .unwrap();
        assert_eq!(parsed.form, CommandForm::StartExecution);
        assert_eq!(parsed.template, Template::Package);
        assert_eq!(parsed.parameters, json!({"a": 1}));
        assert_eq!(parsed.region.as_deref(), Some("cn-beijing"));
        assert_eq!(parsed.other_flags, [Flag { name: "--cli-dry-run".to_owned(), value: None }]);
    }

    #[test]
    fn region_wins_over_region_id_with_a_note() {
        let parsed = parse(
            "aliyun oos StartExecution --region a --RegionId b --TemplateName image \
             --Parameters {}",
            Shell::Bash,
        )
        .unwrap();
        assert_eq!(parsed.region.as_deref(), Some("a"));
        assert!(parsed.notes[0].contains("ignores --RegionId b"));
    }

    #[test]
    fn parameters_file_is_reported_as_read_from_a_file() {
        let parsed = parse(
            "aliyun oos StartExecution --TemplateName image --Parameters-FILE p.json",
            Shell::Bash,
        )
        .unwrap();
        assert_eq!(parsed.parameters_file.as_deref(), Some("p.json"));
        assert_eq!(parsed.parameters, json!({}));
        assert!(parsed.notes[0].contains("read from the file p.json"));
    }

    #[test]
    fn json_split_by_the_shell_is_joined_back() {
        let parsed = parse(
            "aliyun oos StartExecution --TemplateName image --Parameters { '\"a\":' 1 } --x",
            Shell::Bash,
        )
        .unwrap();
        assert_eq!(parsed.parameters, json!({"a": 1}));
        assert!(parsed.notes[0].contains("split"));
        assert_eq!(parsed.other_flags[0].name, "--x");
    }

    #[test]
    fn invalid_json_is_located_in_the_pasted_text() {
        let text =
            "aliyun oos StartExecution --TemplateName image \\\n  --Parameters '{\"a\": 1,}'";
        let err = parse(text, Shell::Bash).unwrap_err();
        assert_eq!((err.line, err.column), (2, 25), "{err}");
        assert_eq!(&text[err.offset..err.offset + 1], "}");
    }

    #[test]
    fn reads_the_plugin_form_into_a_payload() {
        let parsed = parse(
            "aliyun rolling-update start --template image --scaling-group-id asg-1 \
             --enter-process ScaleIn,ScaleOut --batch-number 3 --region cn-hangzhou -y",
            Shell::Bash,
        )
        .unwrap();
        assert_eq!(parsed.form, CommandForm::Plugin);
        assert_eq!(
            parsed.parameters,
            json!({"scalingGroupId": "asg-1", "enterProcess": ["ScaleIn", "ScaleOut"], "batchNumber": 3})
        );
        assert_eq!(parsed.region.as_deref(), Some("cn-hangzhou"));
        assert_eq!(parsed.other_flags[0].name, "-y");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let err = parse(
            "aliyun rolling-update start \\\n --batch-number x --template image",
            Shell::Bash,
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 17));
        assert!(err.to_string().starts_with("--batch-number takes a whole number"));
        let err = parse("gcloud x", Shell::Bash).unwrap_err();
        assert_eq!(err.offset, 0);
        assert!(parse("aliyun oos StartExecution --Parameters {}", Shell::Bash).is_err());
    }

    #[test]
    fn errors_and_notes_read_in_chinese_with_their_place() {
        use crate::i18n::Lang;
        let err = parse(
            "aliyun rolling-update start \\\n --batch-number x --template image",
            Shell::Bash,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "--batch-number takes a whole number, got `x` (line 2, column 17)"
        );
        assert_eq!(
            err.text().render(Lang::ZhCn),
            "--batch-number 需要一个整数，却是 `x`（第 2 行，第 17 列）"
        );
        let err = parse("aliyun oos StartExecution --Parameters {}", Shell::Bash).unwrap_err();
        assert_eq!(err.message.render(Lang::ZhCn), "命令中没有 --TemplateName");
        let parsed = parse(
            "aliyun oos StartExecution --TemplateName image --Parameters-FILE p.json",
            Shell::Bash,
        )
        .unwrap();
        assert!(parsed.notes[0].render(Lang::ZhCn).contains("从文件 p.json 读取"));
        let err = parse("aliyun oos StartExecution --TemplateName nope", Shell::Bash).unwrap_err();
        assert!(err.text().render(Lang::ZhCn).contains("nope"), "{err}");
    }
}
