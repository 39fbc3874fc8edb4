//! A stand-in for the `aliyun` host, used by `tests/integration/real_host.rs` only where the
//! real host cannot be built (`scripts/real-host.sh` exits 3: the Go module proxy does not serve
//! it). It follows the plugin contract of aliyun-cli v3.4.11 as read from the host's source (see
//! README, "Under the real aliyun host"): `plugin install --package`, `plugin list`, `plugin
//! uninstall --name`, `configure set` (AK and StsToken), and running a plugin (argv, the
//! environment, credential resolution, exit codes). It runs no built-in product command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use serde_json::{Value, json};

const VERSION: &str = "3.4.11";
const RESERVED: &[&str] = &[
    "configure",
    "version",
    "auto-completion",
    "help",
    "plugin",
    "upgrade",
    "oss",
    "ossutil",
    "mcp",
    "mock",
];
/// Host flags that take a value (the rest are switches).
const VALUED: &[&str] = &[
    "--profile",
    "-p",
    "--region",
    "--endpoint",
    "--mode",
    "--access-key-id",
    "--access-key-secret",
    "--sts-token",
    "--log-level",
    "--config-path",
    "--language",
    "--cli-query",
    "--package",
    "--name",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("ERROR: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        None | Some("--help") => {
            println!("Alibaba Cloud CLI {VERSION} (project stand-in: plugins and configure only)");
            Ok(ExitCode::SUCCESS)
        }
        Some("version") => {
            println!("{VERSION}");
            Ok(ExitCode::SUCCESS)
        }
        Some("plugin") => plugin(&args[1..]),
        Some("configure") if args.get(1).map(String::as_str) == Some("set") => {
            configure_set(&flags(&args[2..]))
        }
        Some(_) => execute(args),
    }
}

/// `--flag value` pairs and switches, wherever they are.
fn flags(args: &[String]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some((k, v)) = a.split_once('=').filter(|_| a.starts_with("--")) {
            out.insert(k.to_owned(), v.to_owned());
        } else if VALUED.contains(&a.as_str()) && i + 1 < args.len() {
            let key = if a == "-p" { "--profile" } else { a.as_str() };
            out.insert(key.to_owned(), args[i + 1].clone());
            i += 1;
        } else if a.starts_with('-') {
            out.insert(a.clone(), String::new());
        }
        i += 1;
    }
    out
}

fn home() -> PathBuf {
    PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
}

fn plugins_dir() -> Result<PathBuf, String> {
    let dir = std::env::var_os("ALIBABA_CLOUD_CLI_PLUGINS_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| home().join(".aliyun").join("plugins"), PathBuf::from);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

fn read_json(path: &Path, empty: Value) -> Result<Value, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(empty),
        Err(e) => Err(format!("reading {}: {e}", path.display())),
    }
}

fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn registry() -> Result<(PathBuf, Value), String> {
    let path = plugins_dir()?.join("manifest.json");
    let value = read_json(&path, json!({"plugins": {}}))?;
    Ok((path, value))
}

fn plugin(args: &[String]) -> Result<ExitCode, String> {
    let f = flags(args);
    match args.first().map(String::as_str) {
        Some("install") => {
            let package = f.get("--package").ok_or("plugin install: give --package <file>")?;
            install(Path::new(package))
        }
        Some("list") => {
            let (_, reg) = registry()?;
            println!("{:<32} {:<10} Description", "Name", "Version");
            for (name, p) in reg["plugins"].as_object().into_iter().flatten() {
                let field = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
                println!("{name:<32} {:<10} {}", field("version"), field("description"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("uninstall") => {
            let wanted = f.get("--name").ok_or("plugin uninstall: give --name <plugin>")?;
            let (path, mut reg) = registry()?;
            let plugins = reg["plugins"].as_object_mut().ok_or("bad local manifest")?;
            let name = plugins
                .keys()
                .find(|n| matches(n, wanted))
                .cloned()
                .ok_or_else(|| format!("plugin {wanted} is not installed"))?;
            let dir = plugins_dir()?.join(&name);
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("removing {}: {e}", dir.display()))?;
            plugins.remove(&name);
            write_json(&path, &reg)?;
            println!("Plugin {name} uninstalled successfully");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err("plugin: install --package, list or uninstall --name".to_owned()),
    }
}

fn matches(name: &str, word: &str) -> bool {
    name.eq_ignore_ascii_case(word) || name.eq_ignore_ascii_case(&format!("aliyun-cli-{word}"))
}

fn install(package: &Path) -> Result<ExitCode, String> {
    let text = package.to_string_lossy();
    if !(text.ends_with(".tar.gz") || text.ends_with(".tgz")) {
        return Err(format!("{text}: this stand-in installs .tar.gz packages only"));
    }
    // The host's untar rules: no absolute names, no `..`, no entry that is the folder itself;
    // only regular files and folders.
    let listing = Command::new("tar")
        .arg("-tvzf")
        .arg(package)
        .output()
        .map_err(|e| format!("running tar: {e}"))?;
    if !listing.status.success() {
        return Err(format!("{text}: not a gzip tar archive"));
    }
    for line in String::from_utf8_lossy(&listing.stdout).lines() {
        let entry = line.split_whitespace().last().unwrap_or_default();
        let bad = entry.starts_with('/')
            || entry.contains("..")
            || matches!(entry.trim_end_matches('/'), "" | ".");
        if bad {
            return Err(format!("invalid file path in archive: {entry}"));
        }
    }
    let root = plugins_dir()?;
    let stage = root.join(format!(".install-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage).map_err(|e| e.to_string())?;
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(package)
        .arg("-C")
        .arg(&stage)
        .status()
        .map_err(|e| format!("running tar: {e}"))?;
    if !status.success() {
        return Err(format!("extracting {text} failed"));
    }
    let manifest = read_json(&stage.join("manifest.json"), Value::Null)?;
    let field = |k: &str| manifest[k].as_str().unwrap_or_default().to_owned();
    let (name, version, command) = (field("name"), field("version"), field("command"));
    if name.is_empty() || version.is_empty() {
        return Err("manifest.json needs name and version".to_owned());
    }
    if command.is_empty() || RESERVED.contains(&command.as_str()) {
        return Err(format!("invalid plugin command `{command}`"));
    }
    let target = root.join(&name);
    if target.exists() {
        println!("Note: plugin {name} is already installed; it will be replaced");
        std::fs::remove_dir_all(&target).map_err(|e| e.to_string())?;
    }
    std::fs::rename(&stage, &target).map_err(|e| e.to_string())?;
    let (path, mut reg) = registry()?;
    reg["plugins"][&name] = json!({
        "name": name, "version": version, "path": target.display().to_string(),
        "command": command, "description": field("description"),
        "profileRequired": manifest["profileRequired"].as_bool().unwrap_or(true),
    });
    write_json(&path, &reg)?;
    println!("Plugin {name} {version} installed successfully");
    Ok(ExitCode::SUCCESS)
}

fn config_path(f: &BTreeMap<String, String>) -> PathBuf {
    f.get("--config-path").map_or_else(|| home().join(".aliyun").join("config.json"), PathBuf::from)
}

fn configure_set(f: &BTreeMap<String, String>) -> Result<ExitCode, String> {
    let path = config_path(f);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let mut config = read_json(&path, json!({"current": "", "profiles": []}))?;
    let name = f.get("--profile").cloned().unwrap_or_else(|| "default".to_owned());
    let profiles = config["profiles"].as_array_mut().ok_or("bad config.json")?;
    let index = match profiles.iter().position(|p| p["name"] == name.as_str()) {
        Some(i) => i,
        None => {
            profiles.push(json!({"name": name, "output_format": "json", "language": "en"}));
            profiles.len() - 1
        }
    };
    let profile = &mut profiles[index];
    for (flag, key) in [
        ("--mode", "mode"),
        ("--access-key-id", "access_key_id"),
        ("--access-key-secret", "access_key_secret"),
        ("--sts-token", "sts_token"),
        ("--region", "region_id"),
        ("--endpoint", "endpoint"),
    ] {
        if let Some(v) = f.get(flag) {
            profile[key] = json!(v);
        }
    }
    if config["current"].as_str().unwrap_or_default().is_empty() {
        config["current"] = json!(name);
    }
    write_json(&path, &config)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(ExitCode::SUCCESS)
}

/// `aliyun <command> ...`: run the installed plugin the way the host does.
fn execute(args: &[String]) -> Result<ExitCode, String> {
    let word = &args[0];
    let (_, reg) = registry()?;
    let plugin = reg["plugins"]
        .as_object()
        .into_iter()
        .flatten()
        .find(|(name, _)| matches(name, word))
        .map(|(_, p)| p.clone())
        .ok_or_else(|| format!("'{word}' is not a valid command or product (stand-in host)"))?;
    let name = plugin["name"].as_str().unwrap_or_default();
    let binary = Path::new(plugin["path"].as_str().unwrap_or_default()).join(name);
    let f = flags(&args[1..]);
    let positionals = positionals(&args[1..]);
    let mut argv: Vec<String> = vec![word.to_lowercase()];
    argv.extend(args[1..].iter().cloned());
    let mut env: Vec<(String, String)> = Vec::new();
    let help = f.contains_key("--help") || f.contains_key("-h") || positionals.is_empty();
    if help || positionals.first().map(String::as_str) == Some("version") {
        if help && !f.contains_key("--help") && !f.contains_key("-h") {
            argv.push("--help".to_owned());
        }
        env.push(("LANG".into(), "en_US.UTF-8".into()));
    } else {
        env.push(("ALIBABA_CLOUD_CLI_VERSION".into(), VERSION.into()));
        match resolve(&f) {
            Ok(resolved) => env.extend(resolved),
            Err(message) if plugin["profileRequired"].as_bool().unwrap_or(true) => {
                return Err(format!("Configuration failed, use `aliyun configure`: {message}"));
            }
            // profileRequired false: only the baseline (region and endpoint when known).
            Err(_) => env.extend(baseline(&f)),
        }
    }
    let status = Command::new(&binary)
        .args(&argv)
        .envs(env)
        .status()
        .map_err(|e| format!("plugin execution failed: {e}"))?;
    // A plugin killed by a signal is -1 to the host's Go code, so 255.
    Ok(ExitCode::from(status.code().map_or(255, |c| c as u8)))
}

/// Words after the command that are neither flags nor flag values.
fn positionals(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a.starts_with('-') {
            // Unknown flags take the next word as their value unless it is a flag.
            let takes = !a.contains('=')
                && (VALUED.contains(&a.as_str())
                    || args.get(i + 1).is_some_and(|n| !n.starts_with('-')));
            i += if takes { 2 } else { 1 };
        } else {
            out.push(a.clone());
            i += 1;
        }
    }
    out
}

fn env_var(names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
}

fn baseline(f: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut env = Vec::new();
    if let Some(r) = f.get("--region").cloned().or_else(|| env_var(&["ALIBABA_CLOUD_REGION_ID"])) {
        env.push(("ALIBABA_CLOUD_REGION_ID".into(), r));
    }
    if let Some(e) = f.get("--endpoint").cloned().or_else(|| env_var(&["ALIBABA_CLOUD_ENDPOINT"])) {
        env.push(("ALIBABA_CLOUD_ENDPOINT".into(), e));
    }
    env
}

/// Flags over the profile (`--profile`, else `current`) over environment variables.
fn resolve(f: &BTreeMap<String, String>) -> Result<Vec<(String, String)>, String> {
    let config = read_json(&config_path(f), Value::Null)?;
    let wanted = f
        .get("--profile")
        .cloned()
        .or_else(|| env_var(&["ALIBABA_CLOUD_PROFILE"]))
        .or_else(|| config["current"].as_str().map(str::to_owned));
    let profile = match &wanted {
        Some(name) if !config.is_null() => config["profiles"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == name.as_str())
            .cloned()
            .ok_or_else(|| format!("profile {name} not found"))?,
        _ => Value::Null,
    };
    let pick = |flag: &str, key: &str, vars: &[&str]| {
        f.get(flag)
            .cloned()
            .or_else(|| profile[key].as_str().filter(|v| !v.is_empty()).map(str::to_owned))
            .or_else(|| env_var(vars))
    };
    let id = pick("--access-key-id", "access_key_id", &["ALIBABA_CLOUD_ACCESS_KEY_ID"]);
    let secret =
        pick("--access-key-secret", "access_key_secret", &["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]);
    let token = pick("--sts-token", "sts_token", &["ALIBABA_CLOUD_SECURITY_TOKEN"]);
    let region = pick("--region", "region_id", &["ALIBABA_CLOUD_REGION_ID"]);
    let (Some(id), Some(secret)) = (id, secret) else {
        return Err("no AccessKey".to_owned());
    };
    let region = region.ok_or("region can't be empty")?;
    let mut env = vec![
        ("ALIBABA_CLOUD_ACCESS_KEY_ID".to_owned(), id),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET".to_owned(), secret),
        ("ALIBABA_CLOUD_SECURITY_TOKEN".to_owned(), token.unwrap_or_default()),
        ("ALIBABA_CLOUD_REGION_ID".to_owned(), region),
    ];
    let endpoint = f
        .get("--endpoint")
        .cloned()
        .or_else(|| profile["endpoint"].as_str().filter(|v| !v.is_empty()).map(str::to_owned))
        .or_else(|| env_var(&["ALIBABA_CLOUD_ENDPOINT"]));
    if let Some(e) = endpoint {
        env.push(("ALIBABA_CLOUD_ENDPOINT".to_owned(), e));
    }
    Ok(env)
}
