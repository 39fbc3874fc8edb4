//! Which credentials and region a call uses, decided the way the `aliyun` host decides.
//!
//! The plugin reads the environment and `~/.aliyun/config.json` and hands both to [`resolve`]
//! as plain values; the decision itself (host variables first, then profile, flags over profile
//! over environment) is made here, where it can be tested without touching a real home folder.
//! Every resolved value records where it came from, for `doctor`; secrets never appear in
//! `Debug` output or in errors.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::t;

/// What the plugin was given: environment, command-line flags and the config file's text.
#[derive(Default, Clone)]
pub struct Inputs {
    /// The process environment.
    pub env: BTreeMap<String, String>,
    /// `--profile` / `-p`.
    pub profile_flag: Option<String>,
    /// `--region`.
    pub region_flag: Option<String>,
    /// `--mode`.
    pub mode_flag: Option<String>,
    /// `--access-key-id`.
    pub access_key_id_flag: Option<String>,
    /// `--access-key-secret`.
    pub access_key_secret_flag: Option<String>,
    /// `--sts-token`.
    pub sts_token_flag: Option<String>,
    /// The text of the config file, when it exists and was read.
    pub config_text: Option<String>,
    /// Where the config file was looked for, for messages.
    pub config_path: String,
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("env_keys", &self.env.keys().collect::<Vec<_>>())
            .field("profile_flag", &self.profile_flag)
            .field("region_flag", &self.region_flag)
            .field("config_path", &self.config_path)
            .finish_non_exhaustive()
    }
}

/// The resolved access key (one type for the whole workspace: the signer's).
pub use crate::sign::Credentials;

/// Where a resolved value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "camelCase")]
pub enum Source {
    /// Passed by the `aliyun` host in an environment variable.
    Host(String),
    /// A command-line flag.
    Flag(String),
    /// A profile of the config file.
    Profile(String),
    /// An environment variable.
    Env(String),
    /// The host's built-in default.
    Default,
}

impl Source {
    /// Where the value came from, for a person.
    pub fn text(&self) -> Text {
        match self {
            Source::Host(var) => t!("profile.source.host", var = var),
            Source::Flag(flag) => t!("profile.source.flag", flag = flag),
            Source::Profile(name) => t!("profile.source.profile", name = name),
            Source::Env(var) => Text::raw(format!("${var}")),
            Source::Default => t!("profile.source.default"),
        }
    }
}

crate::display_as_text!(Source);

/// What a call uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The credentials.
    pub credentials: Credentials,
    /// Where the credentials came from.
    pub credentials_source: Source,
    /// The region.
    pub region: String,
    /// Where the region came from.
    pub region_source: Source,
    /// The profile used, if any.
    pub profile: Option<String>,
    /// `vpc` when the VPC endpoints are wanted.
    pub endpoint_type: Option<String>,
    /// An endpoint override (`ALIBABA_CLOUD_ENDPOINT` or the profile's `endpoint`).
    pub endpoint: Option<String>,
    /// Read timeout in seconds, when configured.
    pub read_timeout: Option<u64>,
    /// Connect timeout in seconds, when configured.
    pub connect_timeout: Option<u64>,
    /// Retry count, when configured.
    pub retry_count: Option<u32>,
}

/// Why no usable credentials or region could be resolved. It reads as its English
/// ([`ResolveError::text`] gives it in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveError {
    /// The config file is not valid JSON.
    BadConfig {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The named profile is not in the config file.
    NoSuchProfile {
        /// The name.
        name: String,
        /// Where the name came from.
        from: Text,
        /// The file.
        path: String,
    },
    /// A credential mode this plugin cannot resolve by itself.
    UnsupportedMode {
        /// The profile.
        profile: String,
        /// Its mode.
        mode: String,
    },
    /// No AccessKey pair anywhere.
    NoCredentials,
    /// No region anywhere.
    NoRegion,
}

impl ResolveError {
    /// What went wrong, for a person.
    pub fn text(&self) -> Text {
        match self {
            ResolveError::BadConfig { path, reason } => {
                t!("profile.error.bad_config", path = path, reason = reason)
            }
            ResolveError::NoSuchProfile { name, from, path } => {
                t!("profile.error.no_such_profile", name = name, from: from.clone(), path = path)
            }
            ResolveError::UnsupportedMode { profile, mode } => {
                t!("profile.error.unsupported_mode", profile = profile, mode = mode)
            }
            ResolveError::NoCredentials => t!("profile.error.no_credentials"),
            ResolveError::NoRegion => t!("profile.error.no_region"),
        }
    }
}

crate::display_as_text!(ResolveError);

impl std::error::Error for ResolveError {}

const ACCESS_KEY_ID_VARS: &[&str] = &[
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABACLOUD_ACCESS_KEY_ID",
    "ALICLOUD_ACCESS_KEY_ID",
    "ACCESS_KEY_ID",
];
const ACCESS_KEY_SECRET_VARS: &[&str] = &[
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABACLOUD_ACCESS_KEY_SECRET",
    "ALICLOUD_ACCESS_KEY_SECRET",
    "ACCESS_KEY_SECRET",
];
const SECURITY_TOKEN_VARS: &[&str] = &[
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABACLOUD_SECURITY_TOKEN",
    "ALICLOUD_SECURITY_TOKEN",
    "SECURITY_TOKEN",
];
const REGION_VARS: &[&str] = &[
    "ALIBABA_CLOUD_REGION_ID",
    "ALIBABACLOUD_REGION_ID",
    "ALICLOUD_REGION_ID",
    "REGION_ID",
    "REGION",
];
const ENDPOINT_TYPE_VARS: &[&str] = &[
    "ALIBABA_CLOUD_ENDPOINT_TYPE",
    "ALIBABACLOUD_ENDPOINT_TYPE",
    "ALICLOUD_ENDPOINT_TYPE",
    "ENDPOINT_TYPE",
];
/// The variables that name the profile, in the host's order.
pub const PROFILE_VARS: &[&str] =
    &["ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"];

/// The variable that tells the plugin the host launched it.
pub const HOST_VERSION_VAR: &str = "ALIBABA_CLOUD_CLI_VERSION";

/// One profile of `config.json` (only the fields this plugin reads).
#[derive(Debug, Default, Clone, Deserialize)]
struct ConfigProfile {
    #[serde(default)]
    name: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    access_key_id: String,
    #[serde(default)]
    access_key_secret: String,
    #[serde(default)]
    sts_token: String,
    #[serde(default)]
    ram_role_arn: String,
    #[serde(default)]
    ram_role_name: String,
    #[serde(default)]
    private_key: String,
    #[serde(default)]
    process_command: String,
    #[serde(default)]
    oidc_provider_arn: String,
    #[serde(default)]
    region_id: String,
    #[serde(default)]
    endpoint_type: String,
    #[serde(default)]
    endpoint: String,
    #[serde(default)]
    read_timeout: Option<u64>,
    #[serde(default)]
    connect_timeout: Option<u64>,
    #[serde(default)]
    retry_count: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<ConfigProfile>,
}

/// Reads the inputs: non-empty environment variables and flags.
struct Lookup<'a> {
    inputs: &'a Inputs,
}

impl Lookup<'_> {
    fn env(&self, name: &str) -> Option<String> {
        self.inputs.env.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// The first of `names` that is set, with its name.
    fn first(&self, names: &[&str]) -> Option<(String, String)> {
        names.iter().find_map(|n| self.env(n).map(|v| (v, (*n).to_owned())))
    }

    fn number(&self, name: &str) -> Option<u64> {
        self.env(name).and_then(|v| v.trim().parse::<u64>().ok())
    }
}

fn flag(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

/// The connection settings the environment gives (the host passes its own this way).
#[derive(Default)]
struct EnvSettings {
    endpoint_type: Option<String>,
    endpoint: Option<String>,
    read_timeout: Option<u64>,
    connect_timeout: Option<u64>,
    retry_count: Option<u32>,
}

impl EnvSettings {
    fn read(look: &Lookup<'_>) -> EnvSettings {
        EnvSettings {
            endpoint_type: look.first(ENDPOINT_TYPE_VARS).map(|(v, _)| v),
            endpoint: look.env("ALIBABA_CLOUD_ENDPOINT"),
            read_timeout: look.number("ALIBABA_CLOUD_READ_TIMEOUT"),
            connect_timeout: look.number("ALIBABA_CLOUD_CONNECT_TIMEOUT"),
            retry_count: look
                .number("ALIBABA_CLOUD_RETRY_COUNT")
                .and_then(|n| u32::try_from(n).ok()),
        }
    }
}

/// Decides the credentials and region of a call.
pub fn resolve(inputs: &Inputs) -> Result<Resolved, ResolveError> {
    let look = Lookup { inputs };
    let settings = EnvSettings::read(&look);
    match from_host(&look, &settings) {
        Some(resolved) => resolved,
        None => from_profile(&look, settings),
    }
}

/// Launched by the host with resolved credentials: they are authoritative. `None` when the
/// host did not pass an access key.
fn from_host(look: &Lookup<'_>, env: &EnvSettings) -> Option<Result<Resolved, ResolveError>> {
    look.env(HOST_VERSION_VAR)?;
    let id = look.env("ALIBABA_CLOUD_ACCESS_KEY_ID")?;
    let secret = look.env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")?;
    let (region, region_source) =
        match (flag(&look.inputs.region_flag), look.env("ALIBABA_CLOUD_REGION_ID")) {
            (Some(r), _) => (r, Source::Flag("--region".to_owned())),
            (None, Some(r)) => (r, Source::Host("ALIBABA_CLOUD_REGION_ID".to_owned())),
            (None, None) => return Some(Err(ResolveError::NoRegion)),
        };
    Some(Ok(Resolved {
        credentials: Credentials {
            access_key_id: id,
            access_key_secret: secret,
            security_token: look.env("ALIBABA_CLOUD_SECURITY_TOKEN"),
        },
        credentials_source: Source::Host("ALIBABA_CLOUD_ACCESS_KEY_ID".to_owned()),
        region,
        region_source,
        profile: None,
        endpoint_type: env.endpoint_type.clone(),
        endpoint: env.endpoint.clone(),
        read_timeout: env.read_timeout,
        connect_timeout: env.connect_timeout,
        retry_count: env.retry_count,
    }))
}

/// Resolves like the host: the profile, then flags over the profile over the environment.
fn from_profile(look: &Lookup<'_>, env: EnvSettings) -> Result<Resolved, ResolveError> {
    let inputs = look.inputs;
    let ignore_profile = ["ALIBABA_CLOUD_IGNORE_PROFILE", "ALIBABACLOUD_IGNORE_PROFILE"]
        .iter()
        .any(|n| inputs.env.get(*n).is_some_and(|v| v == "TRUE"));
    let (profile, profile_name) = if ignore_profile {
        (ConfigProfile { region_id: "cn-hangzhou".to_owned(), ..Default::default() }, None)
    } else {
        pick_profile(inputs, flag(&inputs.profile_flag), look.first(PROFILE_VARS))?
    };
    let mode = flag(&inputs.mode_flag).unwrap_or_else(|| infer_mode(&profile));
    if !mode.is_empty()
        && !mode.eq_ignore_ascii_case("AK")
        && !mode.eq_ignore_ascii_case("StsToken")
    {
        return Err(ResolveError::UnsupportedMode {
            profile: profile_name.unwrap_or_else(|| "default".to_owned()),
            mode,
        });
    }
    let pick = |flag_value: &Option<String>, flag_name: &str, from_profile: &str, vars: &[&str]| {
        if let Some(v) = flag(flag_value) {
            return Some((v, Source::Flag(flag_name.to_owned())));
        }
        if !from_profile.is_empty() {
            let source = match &profile_name {
                Some(name) => Source::Profile(name.clone()),
                None => Source::Default,
            };
            return Some((from_profile.to_owned(), source));
        }
        look.first(vars).map(|(v, var)| (v, Source::Env(var)))
    };
    let id = pick(
        &inputs.access_key_id_flag,
        "--access-key-id",
        &profile.access_key_id,
        ACCESS_KEY_ID_VARS,
    );
    let secret = pick(
        &inputs.access_key_secret_flag,
        "--access-key-secret",
        &profile.access_key_secret,
        ACCESS_KEY_SECRET_VARS,
    );
    let token =
        pick(&inputs.sts_token_flag, "--sts-token", &profile.sts_token, SECURITY_TOKEN_VARS);
    let (Some((access_key_id, credentials_source)), Some((access_key_secret, _))) = (id, secret)
    else {
        return Err(ResolveError::NoCredentials);
    };
    let (region, region_source) =
        pick(&inputs.region_flag, "--region", &profile.region_id, REGION_VARS)
            .ok_or(ResolveError::NoRegion)?;
    Ok(Resolved {
        credentials: Credentials {
            access_key_id,
            access_key_secret,
            security_token: token.map(|(t, _)| t).filter(|t| !t.is_empty()),
        },
        credentials_source,
        region,
        region_source,
        profile: profile_name,
        endpoint_type: env.endpoint_type.or_else(|| non_empty(&profile.endpoint_type)),
        endpoint: env.endpoint.or_else(|| non_empty(&profile.endpoint)),
        read_timeout: env.read_timeout.or(profile.read_timeout.filter(|t| *t > 0)),
        connect_timeout: env.connect_timeout.or(profile.connect_timeout.filter(|t| *t > 0)),
        retry_count: env.retry_count.or(profile.retry_count),
    })
}

/// Just the region, for verbs that need no credentials (an offline `plan`, `render`).
pub fn region_only(inputs: &Inputs) -> Option<String> {
    resolve(inputs).ok().map(|r| r.region).or_else(|| {
        inputs.region_flag.clone().filter(|r| !r.is_empty()).or_else(|| {
            REGION_VARS.iter().find_map(|n| inputs.env.get(*n).filter(|v| !v.is_empty()).cloned())
        })
    })
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn pick_profile(
    inputs: &Inputs,
    by_flag: Option<String>,
    by_env: Option<(String, String)>,
) -> Result<(ConfigProfile, Option<String>), ResolveError> {
    let config: ConfigFile = match &inputs.config_text {
        Some(text) => serde_json::from_str(text).map_err(|err| ResolveError::BadConfig {
            path: inputs.config_path.clone(),
            reason: err.to_string(),
        })?,
        None => ConfigFile::default(),
    };
    let (wanted, from) = match (by_flag, by_env) {
        (Some(name), _) => (Some(name), Text::raw("--profile")),
        (None, Some((name, var))) => (Some(name), Text::raw(format!("${var}"))),
        (None, None) => (non_empty(&config.current), t!("profile.from.current")),
    };
    let current = by_current(&from);
    let Some(name) = wanted else {
        return Ok((ConfigProfile::default(), None));
    };
    match config.profiles.into_iter().find(|p| p.name == name) {
        Some(profile) => Ok((profile, Some(name))),
        None if current && inputs.config_text.is_none() => Ok((ConfigProfile::default(), None)),
        None => Err(ResolveError::NoSuchProfile { name, from, path: inputs.config_path.clone() }),
    }
}

/// Whether the profile's name came from the config file's `current`.
fn by_current(from: &Text) -> bool {
    from.key() == Some("profile.from.current")
}

/// The host's mode inference for a profile without an explicit `mode`.
fn infer_mode(p: &ConfigProfile) -> String {
    if !p.mode.is_empty() {
        return p.mode.clone();
    }
    let mode = if !p.access_key_id.is_empty() && !p.access_key_secret.is_empty() {
        if !p.ram_role_arn.is_empty() {
            "RamRoleArn"
        } else if !p.sts_token.is_empty() {
            "StsToken"
        } else {
            "AK"
        }
    } else if !p.private_key.is_empty() {
        "RsaKeyPair"
    } else if !p.ram_role_name.is_empty() {
        "EcsRamRole"
    } else if !p.process_command.is_empty() {
        "External"
    } else if !p.oidc_provider_arn.is_empty() {
        "OIDC"
    } else {
        ""
    };
    mode.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(env: &[(&str, &str)], config: Option<&str>) -> Inputs {
        Inputs {
            env: env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            config_text: config.map(str::to_owned),
            config_path: "/home/u/.aliyun/config.json".to_owned(),
            ..Default::default()
        }
    }

    const CONFIG: &str = r#"{"current":"dev","profiles":[
        {"name":"dev","mode":"AK","access_key_id":"AKDEV","access_key_secret":"sdev","region_id":"cn-hangzhou"},
        {"name":"tmp","mode":"StsToken","access_key_id":"STS.x","access_key_secret":"stmp","sts_token":"tok","region_id":"cn-beijing"},
        {"name":"role","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b","ram_role_arn":"acs:ram::1:role/x"},
        {"name":"bare","access_key_id":"AKB","access_key_secret":"sb"}
    ]}"#;

    #[test]
    fn host_variables_win_and_an_empty_token_means_none() {
        let resolved = resolve(&inputs(
            &[
                ("ALIBABA_CLOUD_CLI_VERSION", "3.4.11"),
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "AKHOST"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "shost"),
                ("ALIBABA_CLOUD_SECURITY_TOKEN", ""),
                ("ALIBABA_CLOUD_REGION_ID", "cn-shanghai"),
            ],
            Some(CONFIG),
        ))
        .expect("resolved");
        assert_eq!(resolved.credentials.access_key_id, "AKHOST");
        assert_eq!(resolved.credentials.security_token, None);
        assert_eq!(resolved.region, "cn-shanghai");
        assert_eq!(resolved.region_source, Source::Host("ALIBABA_CLOUD_REGION_ID".to_owned()));
    }

    #[test]
    fn current_profile_of_the_config_file() {
        let resolved = resolve(&inputs(&[], Some(CONFIG))).expect("resolved");
        assert_eq!(resolved.profile.as_deref(), Some("dev"));
        assert_eq!(resolved.credentials.access_key_id, "AKDEV");
        assert_eq!(resolved.region, "cn-hangzhou");
        assert_eq!(resolved.credentials_source, Source::Profile("dev".to_owned()));
    }

    #[test]
    fn profile_flag_over_profile_variables_over_current() {
        let mut i = inputs(&[("ALIBABA_CLOUD_PROFILE", "bare")], Some(CONFIG));
        assert_eq!(resolve(&i).map(|r| r.profile), Err(ResolveError::NoRegion));
        i.profile_flag = Some("tmp".to_owned());
        let resolved = resolve(&i).expect("resolved");
        assert_eq!(resolved.credentials.security_token.as_deref(), Some("tok"));
        assert_eq!(resolved.region, "cn-beijing");
    }

    #[test]
    fn environment_fills_only_empty_fields_and_flags_win() {
        let mut i = inputs(
            &[
                ("ALIBABA_CLOUD_PROFILE", "bare"),
                ("REGION", "eu-central-1"),
                ("ACCESS_KEY_ID", "X"),
            ],
            Some(CONFIG),
        );
        let resolved = resolve(&i).expect("resolved");
        assert_eq!(resolved.credentials.access_key_id, "AKB");
        assert_eq!(resolved.region, "eu-central-1");
        assert_eq!(resolved.region_source, Source::Env("REGION".to_owned()));
        i.region_flag = Some("ap-southeast-1".to_owned());
        assert_eq!(resolve(&i).expect("resolved").region, "ap-southeast-1");
    }

    #[test]
    fn environment_only_without_a_config_file() {
        let resolved = resolve(&inputs(
            &[
                ("ALICLOUD_ACCESS_KEY_ID", "AKENV"),
                ("ALICLOUD_ACCESS_KEY_SECRET", "senv"),
                ("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou"),
            ],
            None,
        ))
        .expect("resolved");
        assert_eq!(resolved.credentials_source, Source::Env("ALICLOUD_ACCESS_KEY_ID".to_owned()));
    }

    #[test]
    fn unsupported_modes_say_to_run_through_the_host() {
        let mut i = inputs(&[], Some(CONFIG));
        i.profile_flag = Some("role".to_owned());
        let err = resolve(&i).expect_err("unsupported");
        assert!(err.to_string().contains("mode RamRoleArn"), "{err}");
        assert!(err.to_string().contains("aliyun rolling-update"), "{err}");
    }

    #[test]
    fn failures_are_clear_and_never_show_secrets() {
        let mut i = inputs(&[], Some(CONFIG));
        i.profile_flag = Some("nope".to_owned());
        let err = resolve(&i).expect_err("missing profile").to_string();
        assert!(err.contains("profile `nope` (from --profile)"), "{err}");
        assert_eq!(resolve(&inputs(&[], None)), Err(ResolveError::NoCredentials));
        let bad = resolve(&inputs(&[], Some("{not json"))).expect_err("bad config").to_string();
        assert!(bad.contains("/home/u/.aliyun/config.json"), "{bad}");
        let resolved = resolve(&inputs(&[], Some(CONFIG))).expect("resolved");
        let debug = format!("{resolved:?}");
        assert!(!debug.contains("sdev"), "{debug}");
    }

    #[test]
    fn ignore_profile_starts_from_an_empty_default_in_hangzhou() {
        let resolved = resolve(&inputs(
            &[
                ("ALIBABA_CLOUD_IGNORE_PROFILE", "TRUE"),
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "AKENV"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "senv"),
            ],
            Some(CONFIG),
        ))
        .expect("resolved");
        assert_eq!(resolved.region, "cn-hangzhou");
        assert_eq!(resolved.credentials.access_key_id, "AKENV");
    }

    #[test]
    fn errors_and_sources_read_in_chinese() {
        use crate::i18n::Lang;
        assert_eq!(
            ResolveError::NoRegion.to_string(),
            "no region: pass --region, set region_id in the profile, or set ALIBABA_CLOUD_REGION_ID"
        );
        assert!(
            ResolveError::NoRegion
                .text()
                .render(Lang::ZhCn)
                .starts_with("没有地域：请指定 --region")
        );
        let missing = ResolveError::NoSuchProfile {
            name: "dev".into(),
            from: t!("profile.from.current"),
            path: "/x/config.json".into(),
        };
        assert_eq!(
            missing.to_string(),
            "profile `dev` (from `current` of the config file) is not in /x/config.json"
        );
        assert_eq!(
            missing.text().render(Lang::ZhCn),
            "/x/config.json 中没有配置 `dev`（来自 配置文件的 `current`）"
        );
        let source = Source::Profile("dev".into());
        assert_eq!(source.to_string(), "profile `dev` of the config file");
        assert_eq!(source.text().render(Lang::ZhCn), "配置文件中的配置 `dev`");
    }
}
