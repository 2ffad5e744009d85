//! JSON: `{"title", "columns", "rows": [{column: value}], "notes"}` with typed values: whole
//! numbers (ranks, counts, years) as integers, other numbers at full precision, absent values
//! (missing, empty, empty text, non-finite numbers) as null.

use crate::error::{Error, Result};
use crate::report::{Cell, Report};
use serde_json::{json, Map, Value};

/// The JSON value of one cell.
fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty | Cell::Missing => Value::Null,
        Cell::Text(s) if s.is_empty() => Value::Null,
        Cell::Text(s) => Value::String(s.clone()),
        // Shown without decimals and whole: an integer (a rank is 3, not 3.0).
        Cell::Number(v, 0) if v.fract() == 0.0 && v.abs() < 9.0e15 => {
            Value::Number((*v as i64).into())
        }
        Cell::Number(v, _) => serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number),
        Cell::Int(v) | Cell::Plain(v) => Value::Number((*v).into()),
    }
}

pub fn render(report: &Report) -> Result<Vec<u8>> {
    let rows: Vec<Value> = report
        .rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            for (col, cell) in report.columns.iter().zip(row) {
                m.insert(col.name.clone(), value(cell));
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
