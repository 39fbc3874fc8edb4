//! Quoting one argument for one shell. The rules are described in the module docs of
//! [`crate::shell`]; each function here implements one of them.

use super::Shell;

/// The characters PowerShell reads as a single quote: `'` and the typographic `‘ ’ ‚ ‛`.
pub(super) const PS_SINGLE_QUOTES: [char; 5] =
    ['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];

/// The characters PowerShell reads as a double quote: `"` and the typographic `“ ” „`.
pub(super) const PS_DOUBLE_QUOTES: [char; 4] = ['"', '\u{201c}', '\u{201d}', '\u{201e}'];

/// The characters cmd.exe gives a meaning to outside its own quotes, escaped with `^`.
const CMD_SPECIAL: [char; 8] = ['%', '^', '&', '|', '<', '>', '(', ')'];

/// Quotes `arg` so that `shell` passes it to the program unchanged: the one quoter of the crate
/// (the printed `aliyun` commands use it for POSIX shells).
///
/// The caller makes sure cmd.exe never gets a line break (it cannot carry one).
///
/// ```
/// use rolling_update_core::shell::{Shell, quote};
/// assert_eq!(quote("asg-1", Shell::Bash), "asg-1");
/// assert_eq!(quote("a=b", Shell::Bash), "a=b");
/// // zsh expands `=word` to the path of the program `word`.
/// assert_eq!(quote("=b", Shell::Bash), "'=b'");
/// ```
pub fn quote(arg: &str, shell: Shell) -> String {
    match shell {
        Shell::Bash => bash(arg),
        Shell::Fish => fish(arg),
        Shell::PowerShell => powershell(arg),
        Shell::PowerShellLegacy => powershell_legacy(arg),
        Shell::Cmd => cmd(arg),
    }
}

/// Whether `arg` can be written bare: a flag, a name, an ID or a comma-separated list.
fn is_plain(arg: &str, shell: Shell) -> bool {
    let Some(first) = arg.chars().next() else { return false };
    let common = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | ':' | '-');
    match shell {
        // zsh expands `=word` at the start of a word, so `=` is bare only after it.
        Shell::Bash | Shell::Fish => {
            first != '=' && arg.chars().all(|c| common(c) || matches!(c, ',' | '=' | '+' | '@'))
        }
        Shell::Cmd => arg.chars().all(|c| common(c) || c == ','),
        // PowerShell reads a bare word starting with a digit as a number and may reformat it,
        // and `,` `=` `@` have meanings of their own.
        Shell::PowerShell | Shell::PowerShellLegacy => {
            (first.is_ascii_alphabetic() || arg.starts_with("--")) && arg.chars().all(common)
        }
    }
}

/// bash/zsh/sh rule "single quotes, `'` becomes `'\''`".
fn bash(arg: &str) -> String {
    if is_plain(arg, Shell::Bash) {
        return arg.to_owned();
    }
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// fish rule "single quotes, `\` doubled and `'` written `\'`".
fn fish(arg: &str) -> String {
    if is_plain(arg, Shell::Fish) {
        return arg.to_owned();
    }
    format!("'{}'", arg.replace('\\', r"\\").replace('\'', r"\'"))
}

/// PowerShell rule "single quotes, each single-quote character (typographic ones included)
/// doubled".
fn powershell(arg: &str) -> String {
    if is_plain(arg, Shell::PowerShell) {
        return arg.to_owned();
    }
    single_quote_powershell(arg)
}

fn single_quote_powershell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if PS_SINGLE_QUOTES.contains(&c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// PowerShell ≤ 7.2 rule "pre-escape `"` as `\"` for the program, because PowerShell passes the
/// string on with its embedded quotes unescaped, wrapped in `"` only when it holds whitespace".
fn powershell_legacy(arg: &str) -> String {
    if is_plain(arg, Shell::PowerShellLegacy) {
        return arg.to_owned();
    }
    single_quote_powershell(&legacy_string(arg))
}

/// The PowerShell string that makes a legacy PowerShell hand `arg` to the program intact.
pub(super) fn legacy_string(arg: &str) -> String {
    if arg.is_empty() {
        // Legacy PowerShell drops an empty argument; `""` reaches the program as an empty one.
        return "\"\"".to_owned();
    }
    // PowerShell wraps the argument in `"` when it holds whitespace (`char.IsWhiteSpace`), and
    // then trailing backslashes would escape the closing quote.
    let wrapped = arg.chars().any(char::is_whitespace);
    escape_for_msvcrt(arg, wrapped)
}

/// The Microsoft C runtime rule "2n backslashes before `"` give n and end or start a quoted
/// part; 2n+1 give n and a literal `"`": writes each `"` as `\"` (the backslashes before it
/// doubled) and, if `closing_quote_follows`, doubles the trailing backslashes.
fn escape_for_msvcrt(arg: &str, closing_quote_follows: bool) -> String {
    let mut out = String::with_capacity(arg.len() + 8);
    let mut backslashes = 0;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                out.extend(std::iter::repeat_n('\\', backslashes * 2 + 1));
                out.push('"');
                backslashes = 0;
                continue;
            }
            _ => {}
        }
        if c != '\\' {
            out.extend(std::iter::repeat_n('\\', backslashes));
            backslashes = 0;
            out.push(c);
        }
    }
    let trailing = if closing_quote_follows { backslashes * 2 } else { backslashes };
    out.extend(std::iter::repeat_n('\\', trailing));
    out
}

/// Quotes `arg` for a program that splits its command line by the Microsoft C runtime rules
/// (`CommandLineToArgvW`): bare when it has no blank and no `"`, else in `"`.
pub(super) fn msvcrt(arg: &str) -> String {
    if !arg.is_empty() && !arg.contains([' ', '\t', '"']) {
        return arg.to_owned();
    }
    format!("\"{}\"", escape_for_msvcrt(arg, true))
}

/// cmd.exe rule "quote for the program, then, if any of `% ^ & | < > ( )` or an odd number of
/// `"` is in it, write every `"` as `^"` so cmd's quote state stays off, and put `^` before
/// each special character". cmd's state is therefore off between arguments.
fn cmd(arg: &str) -> String {
    if is_plain(arg, Shell::Cmd) {
        return arg.to_owned();
    }
    let quoted = msvcrt(arg);
    let quotes = quoted.matches('"').count();
    if quotes.is_multiple_of(2) && !quoted.contains(CMD_SPECIAL) {
        return quoted;
    }
    let mut out = String::with_capacity(quoted.len() * 2);
    for c in quoted.chars() {
        if c == '"' || CMD_SPECIAL.contains(&c) {
            out.push('^');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_rule_single_quotes_with_quote_closed_escaped_reopened() {
        assert_eq!(quote("it's", Shell::Bash), r"'it'\''s'");
        assert_eq!(quote("$HOME `x` !1", Shell::Bash), "'$HOME `x` !1'");
        assert_eq!(quote("", Shell::Bash), "''");
        assert_eq!(quote("asg-abc", Shell::Bash), "asg-abc");
    }

    #[test]
    fn fish_rule_backslash_and_quote_escaped_inside_single_quotes() {
        assert_eq!(quote(r"a\b'c", Shell::Fish), r"'a\\b\'c'");
        assert_eq!(quote("$x", Shell::Fish), "'$x'");
    }

    #[test]
    fn powershell_rule_single_quotes_doubled_typographic_too() {
        assert_eq!(quote("it's", Shell::PowerShell), "'it''s'");
        assert_eq!(quote("a\u{2019}b", Shell::PowerShell), "'a\u{2019}\u{2019}b'");
        assert_eq!(quote("{\"a\":1}", Shell::PowerShell), "'{\"a\":1}'");
        assert_eq!(quote("2", Shell::PowerShell), "'2'");
    }

    #[test]
    fn powershell_legacy_rule_embedded_quotes_pre_escaped() {
        assert_eq!(quote("{\"a\":1}", Shell::PowerShellLegacy), r#"'{\"a\":1}'"#);
        assert_eq!(quote(r#"x\"y"#, Shell::PowerShellLegacy), r#"'x\\\"y'"#);
        // Whitespace makes PowerShell add the quotes, so a trailing backslash is doubled.
        assert_eq!(quote(r"a b\", Shell::PowerShellLegacy), r"'a b\\'");
        assert_eq!(quote(r"ab\", Shell::PowerShellLegacy), r"'ab\'");
        assert_eq!(quote("", Shell::PowerShellLegacy), "'\"\"'");
    }

    #[test]
    fn msvcrt_rule_backslashes_doubled_only_before_quotes() {
        assert_eq!(msvcrt(r"a\b"), r"a\b");
        assert_eq!(msvcrt(r"a b\"), r#""a b\\""#);
        assert_eq!(msvcrt(r#"a\"b"#), r#""a\\\"b""#);
        assert_eq!(msvcrt(""), "\"\"");
    }

    #[test]
    fn cmd_rule_quotes_for_the_program_and_carets_outside_cmd_quotes() {
        assert_eq!(quote("{\"a\":1}", Shell::Cmd), r#""{\"a\":1}""#);
        assert_eq!(quote("a&b", Shell::Cmd), "a^&b");
        assert_eq!(quote("{\"a\":\"50%\"}", Shell::Cmd), r#"^"{\^"a\^":\^"50^%\^"}^""#);
        // One inner quote makes the count odd: escaped so cmd's state stays off afterwards.
        assert_eq!(quote("a\"b", Shell::Cmd), r#"^"a\^"b^""#);
    }
}
