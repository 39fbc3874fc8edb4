//! Splitting pasted text into the arguments a program would receive, the way each shell does.
//!
//! Expansions (`$VAR`, `$(...)`, backticks) would need the shell to run them, so they are
//! refused with their position rather than guessed. Line breaks end a command unless the
//! shell's continuation character comes before them.

use super::Shell;
use super::quote::{PS_DOUBLE_QUOTES, PS_SINGLE_QUOTES};
use crate::i18n::Text;
use crate::t;

/// One argument and, for each byte of it, the byte offset in the pasted text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) origin: Vec<usize>,
    pub(super) start: usize,
}

impl Word {
    /// The offset in the pasted text of byte `index` of this word (its start when past the end).
    pub(super) fn source_offset(&self, index: usize) -> usize {
        self.origin.get(index).copied().unwrap_or(self.start)
    }
}

/// A problem at a byte offset of the pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LexError {
    pub(super) offset: usize,
    pub(super) message: Text,
}

/// What lexing found: the arguments, and notes worth telling the user.
#[derive(Debug, Default)]
pub(super) struct Lexed {
    pub(super) words: Vec<Word>,
    pub(super) notes: Vec<Text>,
}

pub(super) fn lex(text: &str, shell: Shell) -> Result<Lexed, LexError> {
    match shell {
        Shell::Bash => Lexer::new(text, "\\").bash(),
        Shell::Fish => Lexer::new(text, "\\").fish(),
        Shell::PowerShell => Lexer::new(text, "`").powershell(),
        Shell::PowerShellLegacy => {
            let mut lexed = Lexer::new(text, "`").powershell()?;
            lexed.words = legacy_native_arguments(&lexed.words);
            Ok(lexed)
        }
        Shell::Cmd => cmd(text),
    }
}

struct Lexer<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    i: usize,
    words: Vec<Word>,
    current: Option<Word>,
    /// Where a line break ended the command, if one has.
    ended_at: Option<usize>,
    /// The shell's line-continuation character, for messages.
    continuation: &'static str,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, continuation: &'static str) -> Self {
        Lexer {
            src,
            chars: src.char_indices().collect(),
            i: 0,
            words: Vec::new(),
            current: None,
            ended_at: None,
            continuation,
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).map(|&(_, c)| c)
    }

    fn offset(&self) -> usize {
        self.chars.get(self.i).map_or(self.src.len(), |&(at, _)| at)
    }

    fn error<T>(&self, at: usize, message: Text) -> Result<T, LexError> {
        Err(LexError { offset: at, message })
    }

    /// Makes sure a word is open (an empty `''` is still an argument).
    fn open(&mut self, at: usize) -> Result<(), LexError> {
        if self.current.is_none() {
            if let Some(end) = self.ended_at {
                let line = self.src[..end].matches('\n').count() + 1;
                return self.error(at, line_break(line, self.continuation));
            }
            self.current = Some(Word { text: String::new(), origin: Vec::new(), start: at });
        }
        Ok(())
    }

    fn push(&mut self, c: char, at: usize) -> Result<(), LexError> {
        self.open(at)?;
        if let Some(word) = &mut self.current {
            word.text.push(c);
            word.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        Ok(())
    }

    fn finish(&mut self) {
        if let Some(word) = self.current.take() {
            self.words.push(word);
        }
    }

    fn line_break(&mut self, at: usize) {
        self.finish();
        if !self.words.is_empty() && self.ended_at.is_none() {
            self.ended_at = Some(at);
        }
    }

    /// Whether a line break (`\n` or `\r\n`) starts `ahead` characters on; returns its length.
    fn line_break_at(&self, ahead: usize) -> Option<usize> {
        match (self.peek(ahead), self.peek(ahead + 1)) {
            (Some('\n'), _) => Some(1),
            (Some('\r'), Some('\n')) => Some(2),
            _ => None,
        }
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            self.i += 1;
        }
    }

    fn done(mut self) -> Result<Lexed, LexError> {
        self.finish();
        Ok(Lexed { words: self.words, notes: Vec::new() })
    }

    fn refuse_operator<T>(&self, c: char, at: usize) -> Result<T, LexError> {
        self.error(at, t!("shell.lex.operator", c = c))
    }

    /// Refuses `$NAME`, `${...}`, `$(...)` and the like; returns false for a literal `$`.
    fn refuse_expansion(&self, at: usize, next: Option<char>) -> Result<(), LexError> {
        let expands = next.is_some_and(|n| {
            n.is_alphanumeric() || matches!(n, '_' | '{' | '(' | '@' | '*' | '#' | '?' | '$' | '!')
        });
        if expands {
            return self.error(at, t!("shell.lex.expansion"));
        }
        Ok(())
    }

    // ---- bash, zsh, dash ----

    fn bash(mut self) -> Result<Lexed, LexError> {
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                ' ' | '\t' => self.finish(),
                '\n' => self.line_break(at),
                '\r' if self.peek(1) == Some('\n') => {}
                '#' if self.current.is_none() => {
                    self.skip_comment();
                    continue;
                }
                '\\' => {
                    if let Some(len) = self.line_break_at(1) {
                        self.i += len;
                    } else if let Some(next) = self.peek(1) {
                        self.i += 1;
                        let next_at = self.offset();
                        self.push(next, next_at)?;
                    } else {
                        return self.error(at, t!("shell.lex.escapes_nothing", c = '\\'));
                    }
                }
                '\'' => self.bash_single_quoted(at)?,
                '"' => self.bash_double_quoted(at)?,
                '$' if self.peek(1) == Some('\'') => {
                    self.i += 1;
                    self.ansi_c_quoted(at)?;
                }
                '$' if self.peek(1) == Some('"') => {
                    self.i += 1;
                    self.bash_double_quoted(at)?;
                }
                '$' => {
                    self.refuse_expansion(at, self.peek(1))?;
                    self.push('$', at)?;
                }
                '`' => return self.error(at, t!("shell.lex.backtick_runs")),
                ';' | '&' | '|' | '<' | '>' | '(' | ')' => return self.refuse_operator(c, at),
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.done()
    }

    fn bash_single_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            if c == '\'' {
                return Ok(());
            }
            let at = self.offset();
            self.push(c, at)?;
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.unclosed", quote = '\''))
    }

    fn bash_double_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                '"' => return Ok(()),
                '\\' => match self.peek(1) {
                    Some('$' | '`' | '"' | '\\') => {
                        self.i += 1;
                        let next_at = self.offset();
                        let next = self.peek(0).unwrap_or('\\');
                        self.push(next, next_at)?;
                    }
                    Some('\n') => self.i += 1,
                    _ => self.push('\\', at)?,
                },
                '$' => {
                    self.refuse_expansion(at, self.peek(1))?;
                    self.push('$', at)?;
                }
                '`' => return self.error(at, t!("shell.lex.backtick_in_quotes")),
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.unclosed", quote = '"'))
    }

    /// bash's `$'...'`, where backslash escapes are C's.
    fn ansi_c_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                '\'' => return Ok(()),
                '\\' => {
                    self.i += 1;
                    let escaped = self.c_escape(at)?;
                    self.push(escaped, at)?;
                }
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.unclosed", quote = "$'"))
    }

    /// Reads a C-style escape whose backslash was just passed; leaves `i` on its last char.
    fn c_escape(&mut self, at: usize) -> Result<char, LexError> {
        let Some(c) = self.peek(0) else {
            return self.error(at, t!("shell.lex.ends_in_escape"));
        };
        let simple = match c {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' | 'E' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '\\' | '\'' | '"' | '?' => Some(c),
            _ => None,
        };
        if let Some(simple) = simple {
            return Ok(simple);
        }
        let (radix, max) = match c {
            'x' => (16, 2),
            'u' => (16, 4),
            'U' => (16, 8),
            '0'..='7' => (8, 3),
            _ => return Ok(c),
        };
        let mut digits = String::new();
        if radix == 8 {
            digits.push(c);
        }
        while digits.len() < max {
            match self.peek(1) {
                Some(d) if d.is_digit(radix) => {
                    digits.push(d);
                    self.i += 1;
                }
                _ => break,
            }
        }
        u32::from_str_radix(&digits, radix)
            .ok()
            .and_then(char::from_u32)
            .map_or_else(|| self.error(at, t!("shell.lex.not_a_character")), Ok)
    }

    // ---- fish ----

    fn fish(mut self) -> Result<Lexed, LexError> {
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                ' ' | '\t' => self.finish(),
                '\n' => self.line_break(at),
                '\r' if self.peek(1) == Some('\n') => {}
                '#' if self.current.is_none() => {
                    self.skip_comment();
                    continue;
                }
                '\\' => {
                    if let Some(len) = self.line_break_at(1) {
                        self.i += len;
                    } else {
                        self.i += 1;
                        if self.peek(0).is_none() {
                            return self.error(at, t!("shell.lex.escapes_nothing", c = '\\'));
                        }
                        let escaped = self.c_escape(at)?;
                        self.push(escaped, at)?;
                    }
                }
                '\'' => self.fish_single_quoted(at)?,
                '"' => self.fish_double_quoted(at)?,
                '$' => {
                    self.refuse_expansion(at, self.peek(1))?;
                    self.push('$', at)?;
                }
                '(' => return self.error(at, t!("shell.lex.fish_paren")),
                ';' | '&' | '|' | '<' | '>' | ')' => return self.refuse_operator(c, at),
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.done()
    }

    fn fish_single_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                '\'' => return Ok(()),
                '\\' if matches!(self.peek(1), Some('\\' | '\'')) => {
                    self.i += 1;
                    let next = self.peek(0).unwrap_or('\\');
                    self.push(next, at)?;
                }
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.unclosed", quote = '\''))
    }

    fn fish_double_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                '"' => return Ok(()),
                '\\' => match self.peek(1) {
                    Some('"' | '$' | '\\') => {
                        self.i += 1;
                        let next = self.peek(0).unwrap_or('\\');
                        self.push(next, at)?;
                    }
                    Some('\n') => self.i += 1,
                    _ => self.push('\\', at)?,
                },
                '$' => {
                    self.refuse_expansion(at, self.peek(1))?;
                    self.push('$', at)?;
                }
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.unclosed", quote = '"'))
    }

    // ---- PowerShell ----

    fn powershell(mut self) -> Result<Lexed, LexError> {
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                ' ' | '\t' => self.finish(),
                '\n' => self.line_break(at),
                '\r' if self.peek(1) == Some('\n') => {}
                '#' if self.current.is_none() => {
                    self.skip_comment();
                    continue;
                }
                '`' => {
                    if let Some(len) = self.line_break_at(1) {
                        self.i += len;
                    } else {
                        self.i += 1;
                        let escaped = self.backtick_escape(at)?;
                        self.push(escaped, at)?;
                    }
                }
                c if PS_SINGLE_QUOTES.contains(&c) => self.ps_single_quoted(at)?,
                c if PS_DOUBLE_QUOTES.contains(&c) => self.ps_double_quoted(at)?,
                '$' => {
                    self.refuse_expansion(at, self.peek(1))?;
                    self.push('$', at)?;
                }
                '@' if self.current.is_none() => {
                    return self.error(at, t!("shell.lex.ps_at"));
                }
                ',' => return self.error(at, t!("shell.lex.ps_comma")),
                '(' | ')' | '{' | '}' => {
                    return self.error(at, t!("shell.lex.ps_syntax", c = c));
                }
                ';' | '&' | '|' | '<' | '>' => return self.refuse_operator(c, at),
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        if let Some(word) = self.words.iter().chain(&self.current).find(|w| w.text == "--%") {
            return self.error(word.start, t!("shell.lex.stop_parsing"));
        }
        self.done()
    }

    /// A PowerShell escape whose backtick was just passed; leaves `i` on its last char.
    fn backtick_escape(&mut self, at: usize) -> Result<char, LexError> {
        let Some(c) = self.peek(0) else {
            return self.error(at, t!("shell.lex.backtick_escapes_nothing"));
        };
        let escaped = match c {
            '0' => '\0',
            'a' => '\u{7}',
            'b' => '\u{8}',
            'e' => '\u{1b}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            'u' if self.peek(1) == Some('{') => {
                let mut hex = String::new();
                let mut ahead = 2;
                while let Some(d) = self.peek(ahead).filter(char::is_ascii_hexdigit) {
                    hex.push(d);
                    ahead += 1;
                }
                if self.peek(ahead) != Some('}') {
                    return self.error(at, t!("shell.lex.unicode_escape"));
                }
                self.i += ahead;
                return u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map_or_else(|| self.error(at, t!("shell.lex.not_a_character")), Ok);
            }
            other => other,
        };
        Ok(escaped)
    }

    fn ps_single_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            if PS_SINGLE_QUOTES.contains(&c) {
                match self.peek(1) {
                    Some(next) if PS_SINGLE_QUOTES.contains(&next) => {
                        self.push(c, at)?;
                        self.i += 2;
                        continue;
                    }
                    _ => return Ok(()),
                }
            }
            self.push(c, at)?;
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.quote_unclosed"))
    }

    fn ps_double_quoted(&mut self, open_at: usize) -> Result<(), LexError> {
        self.open(open_at)?;
        self.i += 1;
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            if PS_DOUBLE_QUOTES.contains(&c) {
                match self.peek(1) {
                    Some(next) if PS_DOUBLE_QUOTES.contains(&next) => {
                        self.push(c, at)?;
                        self.i += 2;
                        continue;
                    }
                    _ => return Ok(()),
                }
            }
            match c {
                '`' => {
                    self.i += 1;
                    let escaped = self.backtick_escape(at)?;
                    self.push(escaped, at)?;
                }
                '$' => {
                    self.refuse_expansion(at, self.peek(1))?;
                    self.push('$', at)?;
                }
                _ => self.push(c, at)?,
            }
            self.i += 1;
        }
        self.error(open_at, t!("shell.lex.quote_unclosed"))
    }
}

/// Legacy PowerShell (5.1, ≤ 7.2) builds the program's command line from its strings without
/// escaping embedded `"`: it drops empty strings and wraps a string in `"` when it has
/// whitespace outside `"`-delimited parts. The program then splits that line by the Microsoft
/// C runtime rules.
fn legacy_native_arguments(words: &[Word]) -> Vec<Word> {
    let mut line: Vec<(char, usize)> = Vec::new();
    for word in words.iter().filter(|w| !w.text.is_empty()) {
        if !line.is_empty() {
            line.push((' ', word.start));
        }
        let wrap = legacy_needs_quotes(&word.text);
        if wrap {
            line.push(('"', word.start));
        }
        line.extend(word.text.char_indices().map(|(i, c)| (c, word.source_offset(i))));
        if wrap {
            line.push(('"', word.start));
        }
    }
    split_msvcrt(&line)
}

/// PowerShell's legacy test: whitespace while an even number of unescaped `"` has been seen.
fn legacy_needs_quotes(text: &str) -> bool {
    let mut quotes = 0_usize;
    let mut after_backslash = false;
    for c in text.chars() {
        if c == '"' && !after_backslash {
            quotes += 1;
        } else if c.is_whitespace() && quotes.is_multiple_of(2) {
            return true;
        }
        after_backslash = c == '\\';
    }
    false
}

/// Splits a command line by the Microsoft C runtime rules (as `CommandLineToArgvW` does).
pub(super) fn split_msvcrt(line: &[(char, usize)]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < line.len() {
        while i < line.len() && matches!(line[i].0, ' ' | '\t') {
            i += 1;
        }
        if i >= line.len() {
            break;
        }
        let mut word = Word { text: String::new(), origin: Vec::new(), start: line[i].1 };
        let push = |word: &mut Word, c: char, at: usize| {
            word.text.push(c);
            word.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
        };
        let mut quoted = false;
        while i < line.len() {
            let (c, at) = line[i];
            match c {
                '\\' => {
                    let run = line[i..].iter().take_while(|(c, _)| *c == '\\').count();
                    let before_quote = line.get(i + run).is_some_and(|(c, _)| *c == '"');
                    let kept = if before_quote { run / 2 } else { run };
                    for _ in 0..kept {
                        push(&mut word, '\\', at);
                    }
                    i += run;
                    if before_quote && run % 2 == 1 {
                        push(&mut word, '"', line[i].1);
                        i += 1;
                    }
                    continue;
                }
                '"' if quoted && line.get(i + 1).is_some_and(|(c, _)| *c == '"') => {
                    // Since the 2008 runtime, `""` inside quotes is a literal `"` that ends them.
                    push(&mut word, '"', at);
                    quoted = false;
                    i += 2;
                    continue;
                }
                '"' => quoted = !quoted,
                ' ' | '\t' if !quoted => break,
                _ => push(&mut word, c, at),
            }
            i += 1;
        }
        words.push(word);
    }
    words
}

/// cmd.exe: `^` escapes the next character outside cmd's quotes, which each `"` opens or
/// closes; `^` before a line break continues the line (and escapes the next line's first
/// character). `& | < >` outside quotes are operators. `%NAME%` is left as written, as cmd does
/// at its prompt when no such variable is defined; a note says so. The result is then split
/// by the program's (Microsoft C runtime) rules.
fn cmd(text: &str) -> Result<Lexed, LexError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut line: Vec<(char, usize)> = Vec::new();
    let mut notes = Vec::new();
    let mut quoted = false;
    let mut ended_at: Option<usize> = None;
    let mut i = 0;
    let error = |at: usize, message: Text| Err(LexError { offset: at, message });
    while i < chars.len() {
        let (at, c) = chars[i];
        if let Some(end) = ended_at
            && !c.is_whitespace()
        {
            let line_no = text[..end].matches('\n').count() + 1;
            return error(at, line_break(line_no, "^"));
        }
        match c {
            '\r' if chars.get(i + 1).is_some_and(|&(_, n)| n == '\n') => {}
            '\n' => {
                quoted = false;
                if line.iter().any(|(c, _)| !c.is_whitespace()) {
                    ended_at = Some(at);
                }
                line.push((' ', at));
            }
            '"' => {
                quoted = !quoted;
                line.push((c, at));
            }
            '^' if !quoted => {
                let mut next = i + 1;
                if chars.get(next).is_some_and(|&(_, n)| n == '\r') {
                    next += 1;
                }
                match chars.get(next) {
                    None => return error(at, t!("shell.lex.escapes_nothing", c = '^')),
                    Some(&(_, '\n')) => {
                        // Continuation: the next line's first character is taken literally.
                        if let Some(&(first_at, first)) = chars.get(next + 1) {
                            line.push((first, first_at));
                            i = next + 2;
                        } else {
                            i = next + 1;
                        }
                        continue;
                    }
                    Some(&(next_at, n)) => {
                        line.push((n, next_at));
                        i = next + 1;
                        continue;
                    }
                }
            }
            '&' | '|' | '<' | '>' if !quoted => {
                return error(at, t!("shell.lex.cmd_operator", c = c));
            }
            _ => line.push((c, at)),
        }
        i += 1;
    }
    if let Some(name) = percent_variable(text) {
        notes.push(t!("shell.lex.cmd_variable", name = name));
    }
    Ok(Lexed { words: split_msvcrt(&line), notes })
}

/// A line break that ended the command before more of it followed.
fn line_break(line: usize, continuation: &str) -> Text {
    t!("shell.lex.line_break", line = line, continuation = continuation)
}

/// The first `%NAME%` in `text` that cmd.exe could expand (a name without `^` or blanks).
fn percent_variable(text: &str) -> Option<&str> {
    let mut parts = text.split('%');
    parts.next();
    let mut candidates = parts.collect::<Vec<_>>();
    // Only the parts between two `%` are names.
    candidates.pop();
    candidates
        .into_iter()
        .find(|name| !name.is_empty() && !name.contains(['^', ' ', '\t', '\n', '"']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, shell: Shell) -> Vec<String> {
        lex(text, shell).unwrap().words.into_iter().map(|w| w.text).collect()
    }

    fn error(text: &str, shell: Shell) -> LexError {
        lex(text, shell).unwrap_err()
    }

    #[test]
    fn bash_quotes_escapes_and_continuations() {
        assert_eq!(
            words("a 'b c' \"d \\\"e\\\" \\n\" f\\ g \\\n h $'i\\nj' ''", Shell::Bash),
            ["a", "b c", "d \"e\" \\n", "f g", "h", "i\nj", ""]
        );
    }

    #[test]
    fn bash_refuses_expansions_and_operators_with_their_position() {
        assert_eq!(error("a \"$HOME\"", Shell::Bash).offset, 3);
        assert_eq!(error("a b | c", Shell::Bash).offset, 4);
        assert_eq!(error("a 'b", Shell::Bash).offset, 2);
        assert_eq!(words("a '$HOME' \"5$\"", Shell::Bash), ["a", "$HOME", "5$"]);
    }

    #[test]
    fn a_line_break_without_continuation_ends_the_command() {
        let err = error("a b\n--c d", Shell::Bash);
        assert_eq!(err.offset, 4);
        assert!(err.message.contains("end of line 1"), "{}", err.message);
        assert_eq!(words("\n# comment\na b\n\n", Shell::Bash), ["a", "b"]);
    }

    #[test]
    fn fish_single_quotes_know_two_escapes() {
        assert_eq!(words(r"'a\\b\'c\d' x\ty", Shell::Fish), ["a\\b'c\\d", "x\ty"]);
    }

    #[test]
    fn powershell_quotes_backticks_and_typographic_quotes() {
        assert_eq!(
            words(
                "a 'it''s' \u{2018}x\u{2019}\u{2019}y\u{2019} \"q`\"`n\" b`\n c",
                Shell::PowerShell
            ),
            ["a", "it's", "x\u{2019}y", "q\"\n", "b", "c"]
        );
        assert!(error("a (b)", Shell::PowerShell).message.contains("PowerShell syntax"));
    }

    #[test]
    fn powershell_legacy_passes_strings_through_the_c_runtime_split() {
        // `"` not escaped for the program is lost, as Windows PowerShell loses it.
        assert_eq!(words(r#"a '{"k":1}'"#, Shell::PowerShellLegacy), ["a", "{k:1}"]);
        assert_eq!(
            words(r#"a '{\"k\":\"v w\"}'"#, Shell::PowerShellLegacy),
            ["a", r#"{"k":"v w"}"#]
        );
        assert_eq!(words(r#"a '' '""'"#, Shell::PowerShellLegacy), ["a", ""]);
    }

    #[test]
    fn cmd_carets_quote_state_and_continuations() {
        assert_eq!(
            words("a ^\"x\\^\"^&y^\" \"p&q\" r^\n s", Shell::Cmd),
            ["a", "x\"&y", "p&q", "r", "s"]
        );
        assert!(error("a b & c", Shell::Cmd).message.contains("cmd.exe operator"));
        let lexed = lex("a %PATH%", Shell::Cmd).unwrap();
        assert_eq!(lexed.words[1].text, "%PATH%");
        assert!(lexed.notes[0].contains("%PATH%"));
    }

    #[test]
    fn lexing_errors_and_notes_read_in_chinese() {
        use crate::i18n::Lang;
        let err = error("a b\n--c d", Shell::Cmd);
        assert_eq!(
            err.message,
            "the line break at the end of line 1 ends the command, but more follows: end \
             continued lines with `^`"
        );
        assert_eq!(
            err.message.render(Lang::ZhCn),
            "第 1 行末尾的换行结束了命令，但后面还有内容：续行请以 `^` 结尾"
        );
        let zh = error("a | b", Shell::Bash).message.render(Lang::ZhCn).into_owned();
        assert!(zh.contains("`|`") && zh.contains("运算符"), "{zh}");
        let note = &lex("a %PATH%", Shell::Cmd).unwrap().notes[0];
        assert!(note.render(Lang::ZhCn).contains("`%PATH%` 按原样读取"), "{}", note.as_str());
        let ps = error("a `u{zz}", Shell::PowerShell).message;
        assert_eq!(ps, "`u{ needs hex digits and a closing `}`");
    }
}
