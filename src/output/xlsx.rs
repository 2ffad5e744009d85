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
