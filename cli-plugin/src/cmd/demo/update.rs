//! What the demo updates, per template (`demo --template T`): the group, the flags that say
//! what to put on the instances, what the rollback needs besides the source execution, and how
//! to read from the simulator's own state that the group ended as the rollback left it.

use rolling_update_core::i18n::Text;
use rolling_update_core::t;
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
    pub(crate) what: Text,
    /// What the rollback puts back, for the narration ("the previous image").
    pub(crate) previous: Text,
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
            what: Text::default(),
            previous: Text::default(),
            change: Vec::new(),
            rollback: Vec::new(),
            mark: |i| Some(i.image_id.clone()),
            end: None,
        };
        match template {
            Template::Image => Update {
                what: t!("demo.what.image"),
                previous: t!("demo.previous.image"),
                change: owned(&["--image-id", DEMO_NEW_IMAGE]),
                end: Some(DEMO_OLD_IMAGE),
                ..base
            },
            Template::Command => Update {
                what: t!("demo.what.command"),
                previous: t!("demo.previous.command"),
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
                what: t!("demo.what.package"),
                previous: t!("demo.previous.package"),
                change: owned(&["--package-name", PACKAGE, "--package-version", "2.0.0"]),
                rollback: owned(&["--action", "uninstall"]),
                mark: |i| i.packages.get(PACKAGE).cloned(),
                end: None,
                ..base
            },
            Template::File => Update {
                what: t!("demo.what.file"),
                previous: t!("demo.previous.file"),
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
                what: t!("demo.what.oss_file"),
                previous: t!("demo.previous.oss_file"),
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
                what: t!("demo.what.container"),
                previous: t!("demo.previous.container"),
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
    pub(crate) fn end_text(&self) -> Text {
        let end = self.end.unwrap_or_default();
        match self.template {
            Template::Package => t!("demo.end.package", package = PACKAGE),
            Template::Command => t!("demo.end.command", script = end),
            Template::File | Template::OssFile => t!("demo.end.file", source = end),
            Template::Image | Template::Container => t!("demo.end.image", image = end),
        }
    }
}

#[cfg(test)]
mod tests {
    use rolling_update_core::i18n::Lang;

    use super::*;

    /// How each template's group ends, said in Chinese around the same IDs, names and paths, and
    /// in English as before.
    #[test]
    fn the_end_reads_in_both_languages_with_its_ids() {
        for (template, english, chinese) in [
            (Template::Image, format!("on {DEMO_OLD_IMAGE}"), format!("使用 {DEMO_OLD_IMAGE}")),
            (
                Template::Container,
                format!("on {DEMO_ECI_OLD_IMAGE}"),
                format!("使用 {DEMO_ECI_OLD_IMAGE}"),
            ),
            (Template::Package, format!("without {PACKAGE}"), format!("未安装 {PACKAGE}")),
            (Template::File, format!("holding the file from {APP_V1}"), format!("来自 {APP_V1}")),
            (
                Template::Command,
                "having last run the rollback script `echo 1.0 > /srv/app/version`".to_owned(),
                "回滚脚本 `echo 1.0 > /srv/app/version`".to_owned(),
            ),
        ] {
            let update = Update::of(template);
            let end = update.end_text();
            assert_eq!(end.as_str(), english);
            let line = t!("demo.end", group = update.group, good = 6, total = 6, end: end);
            let zh = line.render(Lang::ZhCn);
            assert!(zh.contains(&chinese) && zh.contains(update.group), "{zh}");
            assert!(zh.contains("6 台实例中 6 台") && zh.contains("从模拟器读取"), "{zh}");
            assert!(line.as_str().starts_with("The simulated group "), "{}", line.as_str());
        }
    }

    #[test]
    fn what_and_previous_are_said_in_both_languages() {
        for template in Template::ALL {
            let update = Update::of(template);
            for text in [&update.what, &update.previous] {
                assert!(!text.is_empty(), "{template:?}");
                let zh = text.render(Lang::ZhCn);
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
            }
        }
        assert_eq!(Update::of(Template::OssFile).what, "an OSS file update");
    }
}
