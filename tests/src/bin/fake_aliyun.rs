//! A stand-in for `aliyun` in the real-shell tests: prints the arguments it received (without
//! the program name) as one JSON array per line, so a test can see exactly what a shell passed.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("{}", serde_json::Value::from(args));
}
