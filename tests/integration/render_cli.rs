//! The `render` verb as a user runs it: stdout carries the command and nothing else.

use rolling_update_core::shell::{Shell, parse};
use rolling_update_tests::{fixture, run, seeds};
use serde_json::json;

const IMAGE: &[&str] = &[
    "rolling-update",
    "render",
    "--template",
    "image",
    "--scaling-group-id",
    "asg-bp18p2yfxow2dloq3k7e",
    "--image-id",
    "aliyun_3_x64_20G_alibase_20250629.vhd",
    "--batch-number",
    "3",
];

#[test]
fn stdout_is_exactly_the_command_for_the_named_shell() {
    let mut args = IMAGE.to_vec();
    args.extend(["--shell", "fish", "--region", "cn-hangzhou"]);
    let out = run(&args, None, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 1, "one line: {}", out.stdout);
    let parsed = parse(out.stdout.trim_end(), Shell::Fish).expect("fish parses its own command");
    assert_eq!(parsed.region.as_deref(), Some("cn-hangzhou"));
    assert_eq!(
        parsed.parameters,
        json!({"invokeType": "invoke", "scalingGroupId": "asg-bp18p2yfxow2dloq3k7e",
            "imageId": "aliyun_3_x64_20G_alibase_20250629.vhd", "batchNumber": 3})
    );
    assert!(out.stdout.starts_with("aliyun oos StartExecution --region cn-hangzhou "));
}

#[test]
fn errors_print_no_command_and_exit_1_warnings_keep_it() {
    let mut bad = IMAGE.to_vec();
    bad.extend(["--batch-pause-option", "firstBatchPause"]);
    let out = run(&bad, None, &[]);
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stdout, "", "no command while an error stands");
    assert!(out.stderr.contains("did you mean `FirstBatchPause`"), "{}", out.stderr);

    let mut warned = IMAGE[..IMAGE.len() - 2].to_vec();
    warned.extend(["--batch-number", "1"]);
    let warned = run(&warned, None, &[]);
    assert_eq!(warned.code, Some(0), "{}", warned.stderr);
    assert!(warned.stderr.contains("single_batch"), "{}", warned.stderr);
    assert!(warned.stdout.starts_with("aliyun oos StartExecution"));
}

#[test]
fn parameters_out_writes_the_exact_bytes_and_the_command_reads_the_file() {
    let dir = std::env::temp_dir().join(format!("render-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("params.json");
    let mut args = IMAGE.to_vec();
    args.extend(["--parameters-out", file.to_str().unwrap(), "--shell", "cmd"]);
    let out = run(&args, None, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    assert!(!bytes.ends_with(b"\n"), "no trailing newline");
    let written: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(written["batchNumber"], 3);
    assert!(out.stdout.contains("--Parameters-FILE"), "{}", out.stdout);
    assert!(!out.stdout.contains("invokeType"), "{}", out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_seed_command_converts_to_powershell_and_to_the_plugin_form() {
    for seed in seeds() {
        let from = fixture(&format!("seed/{}.command.txt", seed.name));
        let args = [
            "render",
            "--from-command",
            from.to_str().unwrap(),
            "--from-shell",
            "bash",
            "--shell",
            "powershell",
        ];
        let out = run(&args, None, &[]);
        assert_eq!(out.code, Some(0), "{}: {}", seed.name, out.stderr);
        let back = parse(out.stdout.trim_end(), Shell::PowerShell).expect("parses");
        assert_eq!(back.parameters, seed.payload, "{}", seed.name);

        let plugin = run(&[&args[..5], &["--plugin"]].concat(), None, &[]);
        assert_eq!(plugin.code, Some(0), "{}: {}", seed.name, plugin.stderr);
        assert!(
            plugin.stdout.starts_with("aliyun rolling-update start --template "),
            "{}",
            plugin.stdout
        );
        let back = parse(plugin.stdout.trim_end(), Shell::Bash).expect("plugin form parses");
        assert_eq!(back.parameters, seed.payload, "{}", seed.name);
    }
}

/// The JSON and Boolean flags of the newer templates: a container list read from its file
/// flag, `true`/`false`, and the errors of a list that is not one.
#[test]
fn json_and_boolean_flags_reach_the_command() {
    let dir = std::env::temp_dir().join(format!("render-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("containers.json");
    std::fs::write(&file, "\u{feff}[{\"Name\": \"web\", \"Image\": \"registry/web:2\"}]\n")
        .unwrap();
    let path = file.to_str().unwrap();
    let container = [
        "rolling-update",
        "render",
        "--template",
        "container",
        "--scaling-group-id",
        "asg-1",
        "--scaling-configuration-id",
        "asc-1",
        "--container-configure-file",
        path,
        "--update-type",
        "RenewUpdate",
    ];
    let out = run(&container, None, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let parsed = parse(out.stdout.trim_end(), Shell::Bash).expect("bash parses it");
    assert_eq!(
        parsed.parameters["containerConfigure"],
        json!([{"Name": "web", "Image": "registry/web:2"}])
    );
    assert_eq!(parsed.parameters["updateType"], "RenewUpdate");

    let mut bad = container[..container.len() - 4].to_vec();
    bad.extend(["--container-configure", r#"[{"Name": "web"}]"#]);
    let out = run(&bad, None, &[]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("/containerConfigure/0/Image"), "{}", out.stderr);

    let file_template = [
        "rolling-update",
        "render",
        "--template",
        "file",
        "--scaling-group-id",
        "asg-1",
        "--invoke-source-path",
        "https://example.com/a.tgz",
        "--invoke-destination-dir",
        "/opt",
        "--rollback-source-path",
        "https://example.com/b.tgz",
        "--rollback-destination-dir",
        "/opt",
        "--whether-save-to-file",
        "false",
    ];
    let out = run(&file_template, None, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let parsed = parse(out.stdout.trim_end(), Shell::Bash).expect("bash parses it");
    assert_eq!(parsed.parameters["whetherSaveToFile"], json!(false));
    let mut yes = file_template.to_vec();
    yes.pop();
    yes.push("yes");
    let out = run(&yes, None, &[]);
    assert_eq!(out.code, Some(2), "a flag that does not parse is a usage error: {}", out.stderr);
    assert!(out.stderr.contains("--whether-save-to-file takes true or false"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
