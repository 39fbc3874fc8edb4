//! Shared helpers of the integration tests: fixtures, the built binary, comparisons.
#![allow(missing_docs)]

pub mod english;

use std::path::{Path, PathBuf};

use rolling_update_core::template::Template;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A path under the tests' fixtures folder.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(relative)
}

/// One payload of the seed guide: its name, template, JSON and the command as printed there.
#[derive(Debug, Clone)]
pub struct Seed {
    pub name: &'static str,
    pub template: Template,
    pub payload: serde_json::Value,
    pub command: String,
}

/// The six commands of the seed guide (three invoke, three rollback), copied exactly.
pub fn seeds() -> Vec<Seed> {
    [
        ("image-invoke", Template::Image),
        ("command-invoke", Template::Command),
        ("package-invoke", Template::Package),
        ("image-rollback", Template::Image),
        ("command-rollback", Template::Command),
        ("package-rollback", Template::Package),
    ]
    .into_iter()
    .map(|(name, template)| {
        let read = |suffix: &str| {
            let path = fixture(&format!("seed/{name}.{suffix}"));
            std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()))
        };
        let payload = serde_json::from_str(&read("json"))
            .unwrap_or_else(|err| panic!("seed {name} is not JSON: {err}"));
        Seed { name, template, payload, command: read("command.txt").trim_end().to_owned() }
    })
    .collect()
}

/// A unified diff of two texts, for failure messages.
pub fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header("committed", "generated")
        .to_string()
}

/// The plugin binary. The integration tests are a target of the plugin's package, so Cargo
/// builds it before they run and puts it beside them (`target/<profile>/`): no test runs
/// Cargo. `tests/integration/main.rs` checks that this is the path Cargo hands the tests
/// (`CARGO_BIN_EXE_aliyun-cli-rolling-update`).
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/integration-<hash> -> target/<profile>/
    let dir = exe.parent().and_then(Path::parent).expect("target profile dir");
    let path = dir.join(format!("aliyun-cli-rolling-update{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} is missing: run the tests with cargo test", path.display());
    path
}

/// The archive `scripts/package.sh --debug` builds, made once per test run: the tests that need
/// it share it, so no two write `dist/` at the same time.
pub fn package_archive() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let out = std::process::Command::new("bash")
                .args(["scripts/package.sh", "--debug"])
                .current_dir(root())
                .output()
                .expect("running scripts/package.sh");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            root().join(String::from_utf8_lossy(&out.stdout).trim())
        })
        .clone()
}

/// What a run of the plugin printed, and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|err| panic!("stdout is not JSON ({err}):\n{}", self.stdout))
    }
}

/// Runs the plugin with `args` and `stdin`, in a clean environment (no Alibaba Cloud variables,
/// HOME pointing at an empty folder unless `env` says otherwise).
pub fn run(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut command = Command::new(binary());
    command.args(args).env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default());
    let home = std::env::temp_dir().join("rolling-update-tests-empty-home");
    command.env("HOME", &home);
    for (key, value) in env {
        command.env(key, value);
    }
    command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("starting the plugin");
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    }
    let out = child.wait_with_output().expect("waiting for the plugin");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
