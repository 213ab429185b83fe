//! Prints a generated school as JSON: `cargo run -p scheduling --example demo_json -- 6 16 2025`.

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("números: secciones docentes semilla"))
        .collect();
    let default = scheduling::DemoSpec::default();
    let spec = scheduling::DemoSpec {
        sections: args.first().map_or(default.sections, |&n| n as u32),
        teachers: args.get(1).map_or(default.teachers, |&n| n as u32),
        seed: args.get(2).copied().unwrap_or(default.seed),
    };
    let school = scheduling::demo_school(&spec);
    println!(
        "{}",
        serde_json::to_string_pretty(&school).expect("serialisable")
    );
}
