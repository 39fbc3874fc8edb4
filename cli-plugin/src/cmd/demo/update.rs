//! What the demo updates, per template (`demo --template T`): the group, the flags that say
//! what to put on the instances, what the rollback needs besides the source execution, and how
//! to read from the simulator's own state that the group ended as the rollback left it.

use rolling_update_core::template::Template;
use rolling_update_sim::model::ess::{
    DEMO_ECI_GROUP_ID, DEMO_ECI_NEW_IMAGE, DEMO_ECI_OLD_IMAGE, DEMO_GROUP_ID, DEMO_NEW_IMAGE,
    DEMO_OLD_IMAGE, Instance,
};

/// The package the package demo installs.
const PACKAGE: &str = "sim-demo-agent";
const APP_V1: &str = "https://example.com/releases/app-1.0.tar.gz";
const APP_V2: &str = "https://example.com/releases/app-2.0.tar.gz";

/// One template's update, as the demo plays it.
#[derive(Debug, Clone)]
pub(crate) struct Update {
    /// The template.
    pub(crate) template: Template,
    /// The simulated group it updates (an ECI group for `container`).
    pub(crate) group: &'static str,
    /// What the update is, for the narration ("an image update").
    pub(crate) what: &'static str,
    /// What the rollback puts back, for the narration ("the previous image").
    pub(crate) previous: &'static str,
    /// The flags after `--template` and `--scaling-group-id` that say what to put on the
    /// instances.
    pub(crate) change: Vec<String>,
    /// Flags the rollback needs besides what it derives from the source execution.
    pub(crate) rollback: Vec<String>,
    /// What an instance shows of the update, read from the simulator.
    pub(crate) mark: fn(&Instance) -> Option<String>,
    /// What every instance shows after the rollback.
    pub(crate) end: Option<&'static str>,
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

impl Update {
    /// The demo's update for `template`.
    pub(crate) fn of(template: Template) -> Update {
        let base = Update {
            template,
            group: DEMO_GROUP_ID,
            what: "",
            previous: "",
            change: Vec::new(),
            rollback: Vec::new(),
            mark: |i| Some(i.image_id.clone()),
            end: None,
        };
        match template {
            Template::Image => Update {
                what: "an image update",
                previous: "the previous image",
                change: owned(&["--image-id", DEMO_NEW_IMAGE]),
                end: Some(DEMO_OLD_IMAGE),
                ..base
            },
            Template::Command => Update {
                what: "a script update",
                previous: "the rollback script's result",
                change: owned(&[
                    "--invoke-script",
                    "echo 2.0 > /srv/app/version",
                    "--rollback-script",
                    "echo 1.0 > /srv/app/version",
                ]),
                mark: |i| i.last_script.clone(),
                end: Some("echo 1.0 > /srv/app/version"),
                ..base
            },
            Template::Package => Update {
                what: "a package installation",
                previous: "the group without the package",
                change: owned(&["--package-name", PACKAGE, "--package-version", "2.0.0"]),
                rollback: owned(&["--action", "uninstall"]),
                mark: |i| i.packages.get(PACKAGE).cloned(),
                end: None,
                ..base
            },
            Template::File => Update {
                what: "a file update",
                previous: "the previous file",
                change: owned(&[
                    "--invoke-source-path",
                    APP_V2,
                    "--invoke-destination-dir",
                    "/opt/app",
                    "--rollback-source-path",
                    APP_V1,
                    "--rollback-destination-dir",
                    "/opt/app",
                ]),
                mark: |i| i.last_file.clone(),
                end: Some(APP_V1),
                ..base
            },
            Template::OssFile => Update {
                what: "an OSS file update",
                previous: "the previous OSS object",
                change: owned(&[
                    "--invoke-bucket-name",
                    "sim-demo-releases",
                    "--invoke-object-name",
                    "app-2.0.tar.gz",
                    "--invoke-destination-dir",
                    "/opt/app",
                    "--rollback-bucket-name",
                    "sim-demo-releases",
                    "--rollback-object-name",
                    "app-1.0.tar.gz",
                    "--rollback-destination-dir",
                    "/opt/app",
                ]),
                mark: |i| i.last_file.clone(),
                end: Some("app-1.0.tar.gz"),
                ..base
            },
            Template::Container => Update {
                group: DEMO_ECI_GROUP_ID,
                what: "a container update",
                previous: "the previous container image",
                change: vec![
                    "--container-configure".to_owned(),
                    format!(r#"[{{"Name":"web","Image":"{DEMO_ECI_NEW_IMAGE}"}}]"#),
                ],
                mark: |i| {
                    let web = i.containers.iter().find(|c| c["Name"] == "web")?;
                    web["Image"].as_str().map(str::to_owned)
                },
                end: Some(DEMO_ECI_OLD_IMAGE),
                ..base
            },
        }
    }

    /// Whether `mark` (what an instance shows at the end) is what the rollback should have
    /// left, or `before` (what it showed before the update): a stopped update never reached
    /// its last batches, and a rollback only puts back what the update touched.
    pub(crate) fn ended_well(&self, mark: Option<&str>, before: Option<&str>) -> bool {
        let rolled_back = match self.end {
            // A file's mark is where it came from: the URL or the object name.
            Some(end) => mark.is_some_and(|m| m == end || m.ends_with(end)),
            None => mark.is_none(),
        };
        rolled_back || mark == before
    }

    /// How the end reads: "on aliyun_3_x64_…", "without sim-demo-agent".
    pub(crate) fn end_text(&self) -> String {
        let end = self.end.unwrap_or_default();
        match self.template {
            Template::Package => format!("without {PACKAGE}"),
            Template::Command => format!("having last run the rollback script `{end}`"),
            Template::File | Template::OssFile => format!("holding the file from {end}"),
            Template::Image | Template::Container => format!("on {end}"),
        }
    }
}
