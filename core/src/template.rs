//! The six public rolling-update templates and what each of their parameters means.
//!
//! Everything the rest of the crate knows about a parameter lives in one declaration per
//! parameter, in [`PARAMS`] (declared in `template/table.rs`): its key, JSON type, default,
//! allowed values with their descriptions, how each mode treats it, ID prefix, limits, hints,
//! and the plugin's flag with its help. [`Key`], the lookups by key and the JSON Pointers are
//! derived from that declaration. Validation, the JSON Schemas, the plugin's flags, the browser
//! form and the simulator's stand-in template are all driven by it.
//!
//! A spelling two templates declare differently (`OOSAssumeRole`'s default, `invokeScript`
//! required by one and optional in another) is declared once per meaning, for disjoint
//! templates, sharing one flag; look keys up per template with [`Template::key`].
//!
//! How to add a template:
//! 1. a [`Template`] variant with its name, short name, title, description, [`GroupKind`] and
//!    lifecycle hook;
//! 2. its parameters in the table (a new closed set in `template/values.rs`), placed so that
//!    shared flags keep their first declaration's order (a test says where);
//! 3. its typed struct and arm in `params.rs`, its schema written by
//!    `scripts/regenerate-schemas.sh`, and a base payload in the schema corpus
//!    (`tests/integration/schema.rs`);
//! 4. what the pre-flight refuses or fills for it (`preflight.rs`);
//! 5. the simulator's own definition (`sim/src/templates.rs`), which a test compares with the
//!    table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

mod table;
mod values;

pub use table::{Key, PARAMS};
pub use values::{
    BATCH_PAUSE_OPTIONS, BatchPauseOption, COMMAND_TYPES, Choice, CommandType, INVOKE_TYPES,
    InvokeType, LIFECYCLE_STATES, LifecycleState, PACKAGE_ACTIONS, PackageAction,
    SCALING_PROCESSES, ScalingProcess, UPDATE_TYPES, UpdateType,
};

/// One of the six public OOS templates that roll an update through an ESS scaling group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// `ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup`: replace the system disk image.
    Image,
    /// `ACS-ESS-RollingUpdateByRunCommandInScalingGroup`: run a script.
    Command,
    /// `ACS-ESS-RollingUpdateByConfigureOOSPackage`: install or uninstall an OOS package.
    Package,
    /// `ACS-ESS-RollingUpdateByDownloadFileAndRunCommand`: download a file from a URL, then
    /// run a script.
    File,
    /// `ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand`: download an OSS object, then run
    /// a script.
    #[serde(rename = "oss-file")]
    OssFile,
    /// `ACS-ESS-RollingUpdateByUpdateContainerGroup`: update the containers of an ECI group.
    Container,
}

impl Template {
    /// The six templates, in a stable order.
    pub const ALL: [Template; 6] = [
        Template::Image,
        Template::Command,
        Template::Package,
        Template::File,
        Template::OssFile,
        Template::Container,
    ];

    /// The template's full name, as OOS knows it.
    pub const fn name(self) -> &'static str {
        match self {
            Template::Image => "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup",
            Template::Command => "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
            Template::Package => "ACS-ESS-RollingUpdateByConfigureOOSPackage",
            Template::File => "ACS-ESS-RollingUpdateByDownloadFileAndRunCommand",
            Template::OssFile => "ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand",
            Template::Container => "ACS-ESS-RollingUpdateByUpdateContainerGroup",
        }
    }

    /// The short name this product accepts wherever a template is named.
    pub const fn short_name(self) -> &'static str {
        match self {
            Template::Image => "image",
            Template::Command => "command",
            Template::Package => "package",
            Template::File => "file",
            Template::OssFile => "oss-file",
            Template::Container => "container",
        }
    }

    /// A one-line title for people.
    pub const fn title(self) -> &'static str {
        match self {
            Template::Image => "Rolling update: replace the system disk image",
            Template::Command => "Rolling update: run a script",
            Template::Package => "Rolling update: install or uninstall an OOS package",
            Template::File => "Rolling update: download a file and run a script",
            Template::OssFile => "Rolling update: download an OSS object and run a script",
            Template::Container => "Rolling update: update the containers of an ECI group",
        }
    }

    /// What the template does, in a sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Template::Image => {
                "Puts each instance of the scaling group in Standby, replaces its system disk with \
                 a new image, starts it and returns it to service, batch by batch."
            }
            Template::Command => {
                "Puts each instance of the scaling group in Standby, runs a Cloud Assistant script \
                 on it and returns it to service, batch by batch."
            }
            Template::Package => {
                "Puts each instance of the scaling group in Standby, installs or uninstalls an OOS \
                 package on it and returns it to service, batch by batch."
            }
            Template::File => {
                "Downloads a file from a URL to each instance of the scaling group and runs a \
                 script, batch by batch, without Standby; also installs a scale-out lifecycle \
                 hook so that new instances get the same file."
            }
            Template::OssFile => {
                "Downloads an OSS object to each instance of the scaling group and runs a script, \
                 batch by batch, without Standby; also installs a scale-out lifecycle hook so \
                 that new instances get the same object."
            }
            Template::Container => {
                "Puts each elastic container instance of an ECI scaling group in Standby, updates \
                 its containers and returns it to service, batch by batch; then sets the same \
                 containers in the ECI scaling configuration."
            }
        }
    }

    /// The parameters of this template, in the order the template lists them.
    pub fn params(self) -> impl Iterator<Item = &'static ParamSpec> {
        PARAMS.iter().filter(move |p| p.templates.contains(&self))
    }

    /// The keys of this template's parameters, in the order the template lists them.
    pub fn keys(self) -> impl Iterator<Item = Key> {
        Key::ALL.into_iter().filter(move |k| k.spec().templates.contains(&self))
    }

    /// The parameter spelled exactly `key` (case-sensitive, as OOS is), if this template has
    /// one.
    pub fn param(self, key: &str) -> Option<&'static ParamSpec> {
        self.param_index(key).map(|i| &PARAMS[i])
    }

    /// This template's [`Key`] spelled exactly `key`. A spelling can name different
    /// declarations in different templates (`OOSAssumeRole` has another default in the file
    /// templates), so keys are looked up per template.
    pub fn key(self, key: &str) -> Option<Key> {
        self.keys().find(|k| k.as_str() == key)
    }

    /// The position in [`PARAMS`] of the parameter spelled exactly `key`, if this template has
    /// one.
    pub fn param_index(self, key: &str) -> Option<usize> {
        self.key(key).map(Key::index)
    }

    /// The kind of scaling group the template updates.
    pub const fn group_kind(self) -> GroupKind {
        match self {
            Template::Container => GroupKind::Eci,
            _ => GroupKind::Ecs,
        }
    }

    /// The scale-out lifecycle hook an invoke creates or updates, so that instances added
    /// later get the same update (the file templates).
    pub const fn lifecycle_hook(self) -> Option<&'static str> {
        match self {
            Template::File => Some("ACS-ESS-LifeCycleDownloadFileAndRunCommand"),
            Template::OssFile => Some("ACS-ESS-LifeCycleDownloadOSSFileAndRunCommand"),
            _ => None,
        }
    }

    /// Parses a template from its short or full name (case-insensitive).
    pub fn from_name(name: &str) -> Result<Template, UnknownTemplate> {
        let wanted = name.trim();
        Template::ALL
            .into_iter()
            .find(|t| {
                wanted.eq_ignore_ascii_case(t.short_name()) || wanted.eq_ignore_ascii_case(t.name())
            })
            .ok_or_else(|| UnknownTemplate(name.to_owned()))
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Template {
    type Err = UnknownTemplate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Template::from_name(s)
    }
}

/// A template name that is none of the six.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown template `{0}`: expected image, command, package, file, oss-file, container or \
     one of their full names (ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup, \
     ACS-ESS-RollingUpdateByRunCommandInScalingGroup, ACS-ESS-RollingUpdateByConfigureOOSPackage, \
     ACS-ESS-RollingUpdateByDownloadFileAndRunCommand, \
     ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand, \
     ACS-ESS-RollingUpdateByUpdateContainerGroup)"
)]
pub struct UnknownTemplate(pub String);

impl UnknownTemplate {
    /// The error for a person, in any language ([`Display`](fmt::Display) is English).
    pub fn text(&self) -> Text {
        let names: Vec<_> = Template::ALL.iter().map(|t| t.name()).collect();
        crate::t!("error.unknown_template", name = self.0, names = names.join(", "))
    }
}

/// The kind of scaling group a template updates (ESS's `GroupType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GroupKind {
    /// ECS instances (`GroupType` `ECS`).
    Ecs,
    /// Elastic container instances (`GroupType` `ECI`).
    Eci,
}

impl GroupKind {
    /// ESS's spelling of the group type.
    pub const fn as_str(self) -> &'static str {
        match self {
            GroupKind::Ecs => "ECS",
            GroupKind::Eci => "ECI",
        }
    }
}

/// The JSON type a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamKind {
    /// A JSON string.
    String,
    /// A JSON number with no fractional part (the template's `Number`).
    Integer,
    /// A JSON array of strings (the template's `List`).
    StringList,
    /// A JSON `true` or `false` (the template's `Boolean`).
    Boolean,
    /// A JSON array or object (the template's `Json`). The only Json parameters are the
    /// container template's, so a value is checked as a list of ECI containers as ESS takes
    /// them: objects with at least a `Name` and an `Image`, each name once; `{}` stands for
    /// "none".
    Json,
}

/// How a mode treats a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Relevance {
    /// The key must be present (the template itself requires it).
    Required,
    /// The key must be present and not empty: the run cannot do its work without it.
    RequiredNonEmpty,
    /// Used when given; the default applies otherwise.
    Optional,
    /// Not read by this run. OOS keeps it in the execution's parameters like every other
    /// value; this plugin copies it from there into the rollback it starts (the image or
    /// script to put back), so give it at invoke time.
    Recorded,
    /// The mode does not read it.
    Ignored,
}

impl Relevance {
    /// Whether the key must be present.
    pub const fn is_required(self) -> bool {
        matches!(self, Relevance::Required | Relevance::RequiredNonEmpty)
    }
}

/// A parameter's default, as the template declares it. It serializes as its JSON value
/// (`null` when it has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultValue {
    /// No default: the key is required.
    None,
    /// A string default (often empty).
    Str(&'static str),
    /// A number default.
    Int(i64),
    /// A list default.
    List(&'static [&'static str]),
    /// A Boolean default.
    Bool(bool),
    /// `{}`, the Json default that stands for "nothing".
    EmptyObject,
    /// `{{ ACS::RegionId }}`: the region the execution runs in. It has no JSON value of its
    /// own, so [`DefaultValue::to_json`] gives `None`; the key is still optional.
    ExecutionRegion,
}

impl DefaultValue {
    /// The default as JSON, or `None` when the parameter has none.
    pub fn to_json(self) -> Option<serde_json::Value> {
        match self {
            DefaultValue::None => None,
            DefaultValue::Str(s) => Some(serde_json::Value::from(s)),
            DefaultValue::Int(n) => Some(serde_json::Value::from(n)),
            DefaultValue::List(items) => Some(serde_json::Value::from(items.to_vec())),
            DefaultValue::Bool(b) => Some(serde_json::Value::from(b)),
            DefaultValue::EmptyObject => Some(serde_json::Value::Object(Default::default())),
            DefaultValue::ExecutionRegion => None,
        }
    }
}

impl Serialize for DefaultValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// A fixed piece of advice: what a finding says and how to fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// What is worth knowing.
    pub message: &'static str,
    /// What to do about it.
    pub hint: &'static str,
}

/// A plugin flag that reads a parameter's value from a file (`--invoke-script-file`,
/// `--container-configure-file`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFlag {
    /// The flag, without the leading `--`.
    pub name: &'static str,
    /// Its one-line help.
    pub help: &'static str,
}

/// How the plugin shows a parameter's flag in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagHelp {
    /// The placeholder of the value (`ID`, `N`, `LIST`).
    pub value_name: &'static str,
    /// The one-line help, without a final period (as clap shows doc comments).
    pub help: &'static str,
    /// Where the flag sits in `--help` (ascending): what is required first, then each
    /// template's own parameters, then how to batch, then the rest.
    pub order: u8,
    /// A second flag that reads the value from a file, shown right after this one.
    pub file: Option<FileFlag>,
}

/// Everything known about one template parameter, declared once in [`PARAMS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParamSpec {
    /// The key, spelled exactly as the template spells it.
    pub key: &'static str,
    /// The JSON Pointer of the key in a payload (`/key`), derived from it.
    #[serde(skip)]
    pub pointer: &'static str,
    /// The plugin's flag for it, without the leading `--`.
    pub flag: &'static str,
    /// How `--help` shows the flag.
    #[serde(skip)]
    pub flag_help: FlagHelp,
    /// A short label for forms.
    pub label: &'static str,
    /// What the parameter does.
    pub description: &'static str,
    /// Its JSON type.
    pub kind: ParamKind,
    /// The allowed values (of the string, or of each list item); empty when free-form.
    pub choices: &'static [Choice],
    /// The template's default.
    pub default: DefaultValue,
    /// Smallest allowed number.
    pub min: Option<i64>,
    /// Largest allowed number.
    pub max: Option<i64>,
    /// The prefix every non-empty value must start with (resource IDs).
    pub id_prefix: Option<&'static str>,
    /// The templates that have this parameter.
    #[serde(skip)]
    pub templates: &'static [Template],
    /// How `invokeType=invoke` treats it.
    pub invoke: Relevance,
    /// How `invokeType=rollback` treats it.
    pub rollback: Relevance,
    /// What to say when a required value is missing or empty.
    #[serde(skip)]
    pub required_hint: &'static str,
    /// For resource IDs: how to find a real one (also the hint of a malformed ID). A value
    /// with `*` in it (a masked example ID copied from documentation) is warned about exactly
    /// when this is set.
    #[serde(skip)]
    pub find_hint: Option<&'static str>,
    /// What to say when a rollback is given it and ignores it (`None`: the general advice).
    #[serde(skip)]
    pub ignored_by_rollback_hint: Option<&'static str>,
    /// When a mode ignores it, another rule says why, so the general "ignored" warning is left
    /// out.
    #[serde(skip)]
    pub explained_when_ignored: bool,
    /// For lists: the warning when the list is given empty.
    #[serde(skip)]
    pub empty_list: Option<Advice>,
    /// The value becomes a Cloud Assistant command's content on every instance, so the
    /// RunCommand size limit applies to it (`limits` reads this flag; the table names no limit
    /// module, so the dependency runs one way).
    #[serde(skip)]
    pub run_command_content: bool,
}

impl ParamSpec {
    /// The fields a declaration in [`PARAMS`] does not set.
    pub const BLANK: ParamSpec = ParamSpec {
        key: "",
        pointer: "",
        flag: "",
        flag_help: FlagHelp { value_name: "", help: "", order: u8::MAX, file: None },
        label: "",
        description: "",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[],
        invoke: Relevance::Optional,
        rollback: Relevance::Optional,
        required_hint: "give it a value",
        find_hint: None,
        ignored_by_rollback_hint: None,
        explained_when_ignored: false,
        empty_list: None,
        run_command_content: false,
    };

    /// How the given mode treats this parameter.
    pub const fn relevance(&self, mode: InvokeType) -> Relevance {
        match mode {
            InvokeType::Invoke => self.invoke,
            InvokeType::Rollback => self.rollback,
        }
    }

    /// What to say when a required value is missing, for a person (from the text tables).
    pub fn required_hint_text(&self) -> Text {
        Text::from_english("param.", self.required_hint)
    }

    /// How to find a real ID, for a person (from the text tables).
    pub fn find_hint_text(&self) -> Option<Text> {
        self.find_hint.map(|hint| Text::from_english("param.", hint))
    }

    /// What the parameter does, for a person (from the text tables).
    pub fn description_text(&self) -> Text {
        Text::from_english("param.", self.description)
    }

    /// The help of its flag, for a person (from the text tables).
    pub fn flag_help_text(&self) -> Text {
        Text::from_english("param.", self.flag_help.help)
    }

    /// Whether both modes need a non-empty value.
    pub fn always_filled(&self) -> bool {
        self.invoke == Relevance::RequiredNonEmpty && self.rollback == Relevance::RequiredNonEmpty
    }

    /// Whether both modes need the key present.
    pub const fn always_required(&self) -> bool {
        self.invoke.is_required() && self.rollback.is_required()
    }

    /// Whether `value` is one of the allowed values (always true for free-form parameters).
    pub fn allows(&self, value: &str) -> bool {
        self.choices.is_empty() || self.choices.iter().any(|c| c.value == value)
    }

    /// The template that owns this parameter when only one does.
    pub fn sole_template(&self) -> Option<Template> {
        match self.templates {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// The default list of a list parameter (empty for other kinds).
    pub fn default_list(&self) -> &'static [&'static str] {
        match self.default {
            DefaultValue::List(items) => items,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_keys_follow_the_declaration() {
        for (index, spec) in PARAMS.iter().enumerate() {
            assert_eq!(spec.pointer, format!("/{}", spec.key));
            let key = Key::ALL[index];
            assert_eq!(key.index(), index, "{}", spec.key);
            assert_eq!(key.spec(), spec);
            assert_eq!(key.as_str(), spec.key);
            for template in spec.templates {
                assert_eq!(template.key(spec.key), Some(key), "{template} {}", spec.key);
            }
        }
        assert_eq!(Template::Image.key("scalingGroupID"), None, "keys are case-sensitive");
    }

    /// A spelling declared twice (for different templates) is one flag: same flag, kind and
    /// help, and no template has it twice.
    #[test]
    fn a_key_declared_twice_is_one_flag_for_disjoint_templates() {
        for (i, a) in PARAMS.iter().enumerate() {
            for b in PARAMS[i + 1..].iter().filter(|b| b.key == a.key || b.flag == a.flag) {
                assert_eq!((a.key, a.flag, a.kind), (b.key, b.flag, b.kind), "{}", a.key);
                assert_eq!(a.flag_help, b.flag_help, "{}", a.key);
                assert!(a.templates.iter().all(|t| !b.templates.contains(t)), "{}", a.key);
            }
        }
    }

    /// The plugin orders the flags it was given by each flag's first declaration; the page
    /// orders a template's parameters by the table. Both give the same payload order only if
    /// a shared flag's first declaration sits where every template that has it lists it.
    #[test]
    fn each_template_lists_its_flags_in_their_first_declarations_order() {
        let first = |flag: &str| PARAMS.iter().position(|p| p.flag == flag);
        for template in Template::ALL {
            let positions: Vec<_> = template.params().map(|p| first(p.flag)).collect();
            assert!(positions.is_sorted(), "{template}: {positions:?}");
        }
    }

    #[test]
    fn param_index_follows_the_table() {
        for template in Template::ALL {
            for (index, spec) in PARAMS.iter().enumerate() {
                let declared_here = spec.templates.contains(&template);
                let found = template.param_index(spec.key);
                if declared_here {
                    assert_eq!(found, Some(index), "{template} {}", spec.key);
                } else {
                    // Another declaration of the same spelling, or none.
                    assert!(found.is_none_or(|i| i != index && PARAMS[i].key == spec.key));
                }
            }
            assert_eq!(template.param_index("scalingGroupID"), None);
        }
    }

    /// `..ParamSpec::BLANK` fills what a declaration leaves out; these it must not leave out.
    #[test]
    fn every_declaration_is_complete() {
        let mut flags: Vec<(u8, &str)> =
            PARAMS.iter().map(|p| (p.flag_help.order, p.flag)).collect();
        flags.sort_unstable();
        flags.dedup();
        let mut orders: Vec<u8> = flags.iter().map(|(order, _)| *order).collect();
        orders.dedup();
        assert_eq!(orders.len(), flags.len(), "each flag has its own place in --help");
        for spec in &PARAMS {
            let filled = [spec.flag, spec.label, spec.description, spec.flag_help.value_name];
            assert!(filled.iter().all(|s| !s.is_empty()), "{}", spec.key);
            assert!(!spec.flag_help.help.is_empty() && !spec.flag_help.help.ends_with('.'));
            assert!(!spec.templates.is_empty(), "{}", spec.key);
            assert!(spec.id_prefix.is_none() || spec.find_hint.is_some(), "{}", spec.key);
            let numeric = spec.kind == ParamKind::Integer;
            assert_eq!(numeric, spec.min.is_some(), "{}: a number has a range", spec.key);
        }
    }

    #[test]
    fn templates_parse_from_short_and_full_names() {
        for template in Template::ALL {
            assert_eq!(Template::from_name(template.short_name()), Ok(template));
            assert_eq!(Template::from_name(template.name()), Ok(template));
            assert_eq!(template.name().parse::<Template>(), Ok(template));
        }
        assert!(Template::from_name("images").is_err());
    }
}
