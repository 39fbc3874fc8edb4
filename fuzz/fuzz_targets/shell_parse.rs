//! Reading a pasted command in each shell, and reading what was read once written again.
//!
//! Input: one byte choosing the shell (and, with its high bit, `parse_argv` over NUL-separated
//! arguments instead), then the command text. Properties: no panic; an error points inside the
//! text, on a character boundary, at a line and column that exist; a command that was read
//! renders again, for every shell, to text that reads back to the same command (its file alone
//! when it names a parameters file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolling_update_core::shell::{ParseError, Shell, StartCommand, parse, parse_argv, render};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let shell = Shell::ALL[usize::from(selector & 0x7f) % Shell::ALL.len()];
    let result = if selector & 0x80 == 0 {
        parse(text, shell).map_err(|e| (e, text.to_owned()))
    } else {
        let argv: Vec<String> = text.split('\0').map(str::to_owned).collect();
        parse_argv(&argv).map_err(|e| (e, argv.join(" ")))
    };
    match result {
        Err((err, text)) => assert_error_points_into(&err, &text),
        Ok(parsed) => {
            let mut cmd = parsed.to_start_command();
            // A command that names a parameters file is rendered with the file alone (the
            // `--Parameters-FILE` form has no room for flags beside it), as `render` documents.
            if cmd.parameters_file.is_some() {
                cmd.parameters = serde_json::Value::Object(serde_json::Map::new());
            }
            for target in Shell::ALL {
                let again = render(&cmd, target);
                // cmd.exe cannot carry a line break in an argument, as `render` documents.
                if target == Shell::Cmd && cmd_cannot_carry(&cmd) {
                    continue;
                }
                match parse(&again, target) {
                    Ok(reread) => assert_same(&cmd, &reread.to_start_command(), target, &again),
                    Err(e) => panic!("{target}: rendered text does not parse: {e}\n{again}"),
                }
            }
        }
    }
});

fn assert_error_points_into(err: &ParseError, text: &str) {
    assert!(err.offset <= text.len(), "offset {} past the end of {text:?}", err.offset);
    assert!(
        text.is_char_boundary(err.offset),
        "offset {} inside a character of {text:?}",
        err.offset
    );
    let lines = text.matches('\n').count() + 1;
    assert!((1..=lines).contains(&err.line), "line {} of {lines} in {text:?}", err.line);
    assert!(err.column >= 1, "column {} in {text:?}", err.column);
    assert!(!err.message.is_empty(), "an error without a message for {text:?}");
}

fn assert_same(want: &StartCommand, got: &StartCommand, shell: Shell, text: &str) {
    assert_eq!(got.template, want.template, "{shell}: template of {text}");
    assert_eq!(got.parameters, want.parameters, "{shell}: parameters of {text}");
    assert_eq!(got.region, want.region, "{shell}: region of {text}");
    assert_eq!(got.parameters_file, want.parameters_file, "{shell}: file of {text}");
}

/// Whether the command has a line break outside its JSON (which writes one as `\n`).
fn cmd_cannot_carry(cmd: &StartCommand) -> bool {
    [&cmd.region, &cmd.parameters_file].into_iter().flatten().any(|s| s.contains(['\n', '\r']))
}
