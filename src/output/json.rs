//! JSON: `{"title", "columns", "rows": [{column: value}], "notes"}` with raw numbers.

use crate::error::{Error, Result};
use crate::report::{Cell, Report};
use serde_json::{json, Map, Value};

pub fn render(report: &Report) -> Result<Vec<u8>> {
    let rows: Vec<Value> = report
        .rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            for (col, cell) in report.columns.iter().zip(row) {
                let v = match cell {
                    Cell::Empty | Cell::Missing => Value::Null,
                    Cell::Text(s) => Value::String(s.clone()),
                    Cell::Number(v, _) => {
                        serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number)
                    }
                    Cell::Plain(v) => Value::Number((*v).into()),
                };
                m.insert(col.name.clone(), v);
            }
            Value::Object(m)
        })
        .collect();
    let doc = json!({
        "title": report.title,
        "columns": report.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        "rows": rows,
        "notes": report.notes,
    });
    let mut doc = doc;
    if !report.facts.is_empty() {
        doc["facts"] = json!(report.facts);
    }
    let mut out = serde_json::to_vec_pretty(&doc)
        .map_err(|e| Error::Compute(format!("writing JSON: {e}")))?;
    out.push(b'\n');
    Ok(out)
}
