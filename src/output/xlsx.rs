//! XLSX: a "Data" sheet with typed number cells and a "Sources and notes" sheet.
//!
//! Every number cell (`Number`, `Int`, `Plain`) is a numeric cell, never text. Text is always
//! written as a string cell, never as a formula, and text a spreadsheet would read as a formula
//! (`=HYPERLINK(...)`) gets Excel's quote prefix, so editing the cell cannot turn it into one. The document date is fixed so the same report gives the same
//! bytes.

use super::text::is_formula_like;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

fn err(e: XlsxError) -> Error {
    Error::Compute(format!("writing XLSX: {e}"))
}

pub fn render(report: &Report) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed creation date: outputs must not change from one run to the next.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(super::text::visible(&report.title).as_ref())
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let whole = Format::new().set_num_format("#,##0");
    let data = wb.add_worksheet();
    data.set_name("Data").map_err(err)?;
    for (c, col) in report.columns.iter().enumerate() {
        data.write_string_with_format(0, c as u16, col.name.as_str(), &bold)
            .map_err(err)?;
        let width = report
            .rows
            .iter()
            .map(|r| r.get(c).map_or(0, |cell| cell.display().chars().count()))
            .chain(std::iter::once(col.name.chars().count()))
            .max()
            .unwrap_or(8)
            .clamp(6, 60);
        data.set_column_width(c as u16, width as f64 + 2.0)
            .map_err(err)?;
    }
    for (r, row) in report.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                // A missing value is said, never left to look like a blank or a zero.
                Cell::Missing => {
                    data.write_string(r, c, "no data").map_err(err)?;
                }
                Cell::Text(s) if is_formula_like(s) => {
                    data.write_string_with_format(r, c, s, &quoted)
                        .map_err(err)?;
                }
                Cell::Text(s) => {
                    data.write_string(r, c, s).map_err(err)?;
                }
                Cell::Int(v) => {
                    data.write_number_with_format(r, c, *v as f64, &whole)
                        .map_err(err)?;
                }
                Cell::Number(v, d) => {
                    let fmt = if *d == 0 {
                        Format::new().set_num_format("#,##0")
                    } else {
                        Format::new().set_num_format(format!("#,##0.{}", "0".repeat(*d as usize)))
                    };
                    data.write_number_with_format(r, c, *v, &fmt).map_err(err)?;
                }
                Cell::Plain(v) => {
                    data.write_number(r, c, *v as f64).map_err(err)?;
                }
            }
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("Sources and notes").map_err(err)?;
    notes
        .write_string_with_format(0, 0, &report.title, &bold)
        .map_err(err)?;
    notes.set_column_width(0, 120).map_err(err)?;
    for (i, n) in report.notes.iter().enumerate() {
        let fmt = if is_formula_like(n) {
            &quoted
        } else {
            &Format::new()
        };
        notes
            .write_string_with_format(i as u32 + 2, 0, n, fmt)
            .map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut s = String::new();
        zip.by_name(name)
            .expect("part")
            .read_to_string(&mut s)
            .expect("read");
        s
    }

    /// The `<c>` element of cell `r` in the sheet XML.
    fn cell<'a>(sheet: &'a str, r: &str) -> &'a str {
        let start = sheet
            .find(&format!("<c r=\"{r}\""))
            .unwrap_or_else(|| panic!("no cell {r}"));
        let rest = &sheet[start..];
        let end = rest
            .find("</c>")
            .map_or_else(|| rest.find("/>").map_or(rest.len(), |e| e + 2), |e| e + 4);
        &rest[..end]
    }

    #[test]
    fn numbers_are_numeric_cells_and_formula_text_is_quote_prefixed() {
        let mut r = Report::new("T\u{1b}")
            .number_column("rank", 0)
            .text_column("country")
            .number_column("value", 1)
            .number_column("year", 0);
        r.push_row(vec![
            Cell::int(3),
            Cell::text("=cmd|' /C calc'!A0"),
            Cell::num(364.25, 1),
            Cell::plain(2019),
        ]);
        r.push_row(vec![
            Cell::num(4.0, 0),
            Cell::text("Japan\u{7}"),
            Cell::Missing,
            Cell::Empty,
        ]);
        r.note("-2 is a note, not a formula");
        let bytes = render(&r).expect("xlsx");
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        for xml in [
            &sheet,
            &part(&bytes, "xl/sharedStrings.xml"),
            &part(&bytes, "docProps/core.xml"),
        ] {
            crate::output::text::assert_well_formed_xml(xml);
        }
        // Numbers: no t="s" (shared string) or t="str"/"inlineStr" type, the raw value in <v>.
        for (r, v) in [("A2", "3"), ("C2", "364.25"), ("D2", "2019"), ("A3", "4")] {
            let c = cell(&sheet, r);
            assert!(!c.contains(" t=\""), "{r} is not a number cell: {c}");
            assert!(c.contains(&format!("<v>{v}</v>")), "{c}");
        }
        assert!(cell(&sheet, "B2").contains("t=\"s\""));
        assert!(
            cell(&sheet, "C3").contains("t=\"s\""),
            "missing is said as text"
        );
        // The formula-like name carries a quote-prefix style; no <f> formula anywhere.
        assert!(!sheet.contains("<f>"));
        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
        let b2 = cell(&sheet, "B2");
        assert!(b2.contains(" s=\""), "{b2}");
    }
}
