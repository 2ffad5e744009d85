//! CSV: one clean table, UTF-8, header row, raw numbers; every text field (header included)
//! formula-safe and free of control characters other than tab and line breaks.

use super::text::csv_text;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

pub fn render(report: &Report) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::Compute(format!("writing CSV: {e}"));
    w.write_record(
        report
            .columns
            .iter()
            .map(|c| csv_text(&c.name).into_owned()),
    )
    .map_err(err)?;
    for row in &report.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => csv_text(s).into_owned(),
                other => other.raw(),
            })
            .collect();
        w.write_record(&fields).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Compute(format!("writing CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        let mut r = Report::new("t")
            .text_column("country")
            .number_column("value", 1);
        r.push_row(vec![
            Cell::text("=HYPERLINK(\"http://x\",\"y\")"),
            Cell::num(-1.5, 1),
        ]);
        r.push_row(vec![Cell::text("Japan"), Cell::num(364.0, 0)]);
        let out = String::from_utf8(render(&r).expect("csv")).expect("utf8");
        assert_eq!(
            out,
            "country,value\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1.5\nJapan,364\n"
        );
    }
}
