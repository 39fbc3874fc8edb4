//! The update file: a whole update in one JSON or YAML file, read by `--update-file` of `start`
//! and `render`.
//!
//! ```yaml
//! template: image          # a short name or a full ACS-ESS-... name
//! region: cn-hangzhou      # optional
//! parameters:              # the template's parameters, as in a parameters file
//!   invokeType: invoke
//!   scalingGroupId: asg-bp18p2yfxow2dloqabcd
//!   imageId: aliyun_3_x64_20G_alibase_20250101.vhd
//! ```
//!
//! Its schema is [`crate::update_schema::update_file_schema`]. Nothing else may stand at the
//! top level (besides `$schema` for editors), so a misspelt `paramters` is an error and not a
//! silently empty update.
//!
//! ```
//! use rolling_update_core::template::Template;
//! use rolling_update_core::update_file;
//!
//! let text = "template: command\nparameters:\n  scalingGroupId: asg-1\n";
//! let file = update_file::parse("u.yaml", text).unwrap();
//! assert_eq!(file.template, Template::Command);
//! assert_eq!(file.parameters["scalingGroupId"], "asg-1");
//! assert_eq!(file.region, None);
//! ```

use serde_json::{Map, Value};

use crate::document::{self, Read};
use crate::i18n::Text;
use crate::t;
use crate::template::Template;
use crate::yaml::Position;

/// The top-level keys of an update file.
pub const KEYS: [&str; 4] = ["$schema", "template", "region", "parameters"];

/// An update file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateFile {
    /// The template.
    pub template: Template,
    /// Its parameters (the update's payload, before flags override it).
    pub parameters: Map<String, Value>,
    /// The region, when the file names one.
    pub region: Option<String>,
    /// The file as read (for the places of its parameters).
    pub read: Read,
}

/// Why an update file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}{}: {message}", at.map(|p| format!(":{}:{}", p.line, p.column)).unwrap_or_default())]
pub struct UpdateFileError {
    /// The file's name.
    pub name: String,
    /// What is wrong.
    pub message: Text,
    /// Where, when the file says.
    pub at: Option<Position>,
}

impl UpdateFileError {
    /// The error for a person reading `lang`: `name:line:column: message`.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        let at = self.at.map(|p| format!(":{}:{}", p.line, p.column)).unwrap_or_default();
        format!("{}{at}: {}", self.name, self.message.render(lang))
    }
}

/// Reads an update file (JSON or YAML, as [`document::read`] decides).
pub fn parse(name: &str, text: &str) -> Result<UpdateFile, UpdateFileError> {
    let fail = |message: Text, at: Option<Position>| UpdateFileError {
        name: name.to_owned(),
        message,
        at,
    };
    let read = document::read(name, text).map_err(|err| fail(err.message, err.at))?;
    let Some(object) = read.value.as_object() else {
        return Err(fail(t!("update_file.not_an_object"), read.position("")));
    };
    if let Some(key) = object.keys().find(|k| !KEYS.contains(&k.as_str())) {
        let at = read.position(&format!("/{}", key.replace('~', "~0").replace('/', "~1")));
        return Err(fail(t!("update_file.unknown_key", key = key), at));
    }
    let template = match object.get("template") {
        None => return Err(fail(t!("update_file.no_template"), read.position(""))),
        Some(Value::String(s)) => Template::from_name(s)
            .map_err(|err| fail(Text::raw(err.to_string()), read.position("/template")))?,
        Some(_) => return Err(fail(t!("update_file.template_text"), read.position("/template"))),
    };
    let parameters = match object.get("parameters") {
        None => return Err(fail(t!("update_file.no_parameters"), read.position(""))),
        Some(Value::Object(map)) => map.clone(),
        Some(_) => {
            return Err(fail(t!("update_file.parameters_object"), read.position("/parameters")));
        }
    };
    let region = match object.get("region") {
        None => None,
        Some(Value::String(s)) if is_region(s) => Some(s.clone()),
        Some(_) => return Err(fail(t!("update_file.bad_region"), read.position("/region"))),
    };
    Ok(UpdateFile { template, parameters, region, read })
}

/// A region ID as Alibaba Cloud spells them: lowercase letters, digits and dashes.
fn is_region(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(name: &str, text: &str) -> UpdateFileError {
        parse(name, text).expect_err(text)
    }

    #[test]
    fn json_and_yaml_read_the_same() {
        let yaml = parse(
            "u.yml",
            "template: ACS-ESS-RollingUpdateByConfigureOOSPackage\nregion: cn-beijing\n\
             parameters:\n  scalingGroupId: asg-1\n",
        )
        .unwrap();
        let json = parse(
            "u.json",
            r#"{"template": "package", "region": "cn-beijing",
                "parameters": {"scalingGroupId": "asg-1"}}"#,
        )
        .unwrap();
        assert_eq!(yaml.template, Template::Package);
        assert_eq!(
            (&yaml.template, &yaml.parameters, &yaml.region),
            (&json.template, &json.parameters, &json.region)
        );
        assert_eq!(yaml.read.position("/parameters/scalingGroupId").map(|p| p.line), Some(4));
    }

    #[test]
    fn each_mistake_is_named_with_its_place() {
        let e = error("u.yaml", "template: image\nparamters: {}\n");
        assert_eq!(e.message.key(), Some("update_file.unknown_key"));
        assert_eq!(e.to_string().split(':').nth(1), Some("2"));
        let e = error("u.yaml", "template: nope\nparameters: {}\n");
        assert!(e.message.contains("unknown template `nope`"), "{e}");
        assert_eq!(e.at.map(|p| p.line), Some(1));
        let keys = |t: &str| error("u.yaml", t).message.key();
        assert_eq!(keys("parameters: {}\n"), Some("update_file.no_template"));
        assert_eq!(keys("template: 3\nparameters: {}\n"), Some("update_file.template_text"));
        assert_eq!(keys("template: image\n"), Some("update_file.no_parameters"));
        assert_eq!(
            keys("template: image\nparameters: [1]\n"),
            Some("update_file.parameters_object")
        );
        assert_eq!(
            keys("template: image\nregion: Hang Zhou\nparameters: {}\n"),
            Some("update_file.bad_region")
        );
        assert_eq!(keys("- 1\n"), Some("update_file.not_an_object"));
        assert_eq!(keys("template: [\n"), Some("document.not_yaml"));
    }
}
