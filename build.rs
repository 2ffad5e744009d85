//! Build steps: rebuild when the embedded datasets or queries change (include_dir cannot tell);
//! each embedded `dataset.toml` also as JSON, which the binary parses several times faster on
//! every start; and the binary linked at a fixed address on Linux.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=datasets");
    println!("cargo:rerun-if-changed=queries");
    // A position-independent executable of this size carries ~117,000 relocations that the
    // dynamic loader applies at every start (about 650 page faults, a third of a small
    // command's time). Linked at a fixed address, the linker applies them once. Only the
    // binaries' link step changes; nothing is recompiled.
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    if let Err(e) = embedded_meta_as_json() {
        // A broken dataset.toml still builds: the binary then reads that dataset's TOML
        // itself and reports the problem with its line and column.
        println!("cargo:warning=dataset.toml as JSON: {e}");
    }
}

/// Writes `$OUT_DIR/embedded_meta.rs`: `(dataset id, dataset.toml as JSON)` pairs. The JSON is
/// the same document (tables, arrays, strings, numbers, booleans); a dataset whose TOML holds a
/// date-time (which JSON has no type for) or does not parse is left out.
fn embedded_meta_as_json() -> Result<(), String> {
    let out = std::env::var("OUT_DIR").map_err(|e| e.to_string())?;
    let mut table = String::from("pub static EMBEDDED_META: &[(&str, &str)] = &[\n");
    let mut ids: Vec<_> = std::fs::read_dir("datasets")
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("dataset.toml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    ids.sort();
    for id in ids {
        let path = Path::new("datasets").join(&id).join("dataset.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(value) = text.parse::<toml::Table>() else {
            continue;
        };
        let Some(json) = to_json(&toml::Value::Table(value)) else {
            continue;
        };
        let file = Path::new(&out).join(format!("meta_{id}.json"));
        std::fs::write(&file, json.to_string()).map_err(|e| e.to_string())?;
        let _ = writeln!(
            table,
            "    ({id:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    table.push_str("];\n");
    std::fs::write(Path::new(&out).join("embedded_meta.rs"), table).map_err(|e| e.to_string())
}

fn to_json(v: &toml::Value) -> Option<serde_json::Value> {
    Some(match v {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Value::from(serde_json::Number::from_f64(*f)?),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(_) => return None,
        toml::Value::Array(a) => {
            serde_json::Value::Array(a.iter().map(to_json).collect::<Option<Vec<_>>>()?)
        }
        toml::Value::Table(t) => serde_json::Value::Object(
            t.iter()
                .map(|(k, v)| Some((k.clone(), to_json(v)?)))
                .collect::<Option<serde_json::Map<_, _>>>()?,
        ),
    })
}
