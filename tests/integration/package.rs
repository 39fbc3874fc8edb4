//! The plugin archive follows the `aliyun` host's install rules (aliyun-cli-plugin notes §4).

use std::process::Command;

use rolling_update_tests::package_archive;

const RESERVED: &[&str] = &[
    "aliyun",
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

#[test]
fn archive_installs_as_the_host_installs_it() {
    let archive = package_archive();
    let name = archive.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("aliyun-cli-rolling-update-") && name.ends_with(".tar.gz"),
        "archive name {name}"
    );

    // Entries: only regular files, at the root, listed explicitly, no `./`, `..` or `/`.
    let listing = Command::new("tar").arg("-tvzf").arg(&archive).output().expect("tar -tv");
    let listing = String::from_utf8_lossy(&listing.stdout).into_owned();
    let mut names = Vec::new();
    for line in listing.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (mode, entry) = (fields[0], *fields.last().unwrap());
        assert!(mode.starts_with('-'), "not a regular file: {line}");
        assert!(!entry.starts_with('/') && !entry.contains("..") && !entry.contains('/'), "{line}");
        assert_ne!(entry, ".", "a `.` entry makes the host reject the archive");
        if entry == "aliyun-cli-rolling-update" {
            assert_eq!(mode, "-rwxr-xr-x", "the binary must be 0755 inside the tar");
        }
        names.push(entry.to_owned());
    }
    names.sort();
    assert_eq!(
        names,
        [
            "_aliyun-cli-rolling-update",
            "aliyun-cli-rolling-update",
            "aliyun-cli-rolling-update.bash",
            "aliyun-cli-rolling-update.fish",
            "aliyun-cli-rolling-update.ps1",
            "aliyun-rolling-update.1",
            "manifest.json",
        ]
    );

    // Extract as the host does and read the manifest.
    let dir = std::env::temp_dir().join(format!("rolling-update-package-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let status =
        Command::new("tar").arg("-xzf").arg(&archive).arg("-C").arg(&dir).status().unwrap();
    assert!(status.success());
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let plugin_name = manifest["name"].as_str().unwrap();
    assert_eq!(plugin_name, "aliyun-cli-rolling-update");
    assert!(!manifest["version"].as_str().unwrap().is_empty());
    let command = manifest["command"].as_str().unwrap();
    assert_eq!(command, "rolling-update");
    assert!(!RESERVED.contains(&command));
    assert_eq!(manifest["bin"]["path"], plugin_name);
    assert_eq!(manifest["profileRequired"], false, "offline verbs must run without a profile");
    assert!(manifest["cmdNames"].as_array().unwrap().iter().any(|c| c == "start"));

    // The host runs <plugins>/<name>/<name> with the command word first; exit codes pass through.
    let exe = dir.join(plugin_name);
    let version = Command::new(&exe).args([command, "version"]).output().unwrap();
    assert!(version.status.success());
    assert!(
        String::from_utf8_lossy(&version.stdout).contains(manifest["version"].as_str().unwrap())
    );
    let bad = Command::new(&exe)
        .args([command, "validate", "--template", "nope", "--file", "-"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "usage errors exit 2 through the host");
    let _ = std::fs::remove_dir_all(&dir);
}
