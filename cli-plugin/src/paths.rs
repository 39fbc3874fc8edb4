//! Where the `aliyun` host keeps its files, found the way the host finds them, so that the
//! plugin reads the same `config.json` on every platform the host runs on.

use std::collections::BTreeMap;

/// The host's home folder for `config.json`. On Unix that is `HOME`. On Windows `HOME` is
/// usually unset: the host (aliyun-cli `config.GetHomePath`) takes `HOMEDRIVE` + `HOMEPATH`,
/// else `USERPROFILE`; `HOME` comes last, for shells such as Git Bash that set only it.
fn home(env: &BTreeMap<String, String>, windows: bool) -> String {
    let var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
    if windows {
        let drive_path = format!(
            "{}{}",
            var("HOMEDRIVE").unwrap_or_default(),
            var("HOMEPATH").unwrap_or_default()
        );
        Some(drive_path)
            .filter(|h| !h.is_empty())
            .or_else(|| var("USERPROFILE"))
            .or_else(|| var("HOME"))
            .unwrap_or_default()
    } else {
        var("HOME").or_else(|| var("USERPROFILE")).unwrap_or_default()
    }
}

/// `<home>/.aliyun/config.json` (`%USERPROFILE%\.aliyun\config.json` on a usual Windows
/// machine), written with the platform's separator so that error messages name the real file.
pub(crate) fn config_file(env: &BTreeMap<String, String>) -> String {
    config_file_for(env, cfg!(windows))
}

fn config_file_for(env: &BTreeMap<String, String>, windows: bool) -> String {
    let sep = if windows { '\\' } else { '/' };
    let home = home(env, windows);
    let home = home.trim_end_matches(['/', '\\']);
    format!("{home}{sep}.aliyun{sep}config.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn unix_reads_home() {
        let e = env(&[("HOME", "/home/u"), ("USERPROFILE", "/elsewhere")]);
        assert_eq!(config_file_for(&e, false), "/home/u/.aliyun/config.json");
    }

    #[test]
    fn windows_prefers_homedrive_homepath_like_the_host() {
        let e = env(&[
            ("HOMEDRIVE", "H:"),
            ("HOMEPATH", "\\u"),
            ("USERPROFILE", "C:\\Users\\u"),
            ("HOME", "/c/Users/git-bash"),
        ]);
        assert_eq!(config_file_for(&e, true), "H:\\u\\.aliyun\\config.json");
    }

    #[test]
    fn windows_falls_back_to_userprofile_then_home() {
        let e = env(&[("USERPROFILE", "C:\\Users\\u\\"), ("HOME", "/c/Users/u")]);
        assert_eq!(config_file_for(&e, true), "C:\\Users\\u\\.aliyun\\config.json");
        let e = env(&[("HOMEDRIVE", ""), ("HOME", "C:\\msys\\home\\u")]);
        assert_eq!(config_file_for(&e, true), "C:\\msys\\home\\u\\.aliyun\\config.json");
    }
}
