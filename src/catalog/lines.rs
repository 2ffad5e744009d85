//! Where a CSV record starts: one rule shared by the dataset reader and `build.rs` (which
//! includes this file by path to split the countries reference at build time).

/// The line a record starts on, given its position from the csv crate. The csv reader reports
/// the position before the blank lines it skips, so those are counted here.
pub fn record_line(bytes: &[u8], p: &csv::Position) -> u64 {
    let start = usize::try_from(p.byte()).unwrap_or(usize::MAX);
    let blank = bytes
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| **b == b'\n' || **b == b'\r')
        .filter(|b| **b == b'\n')
        .count();
    p.line() + blank as u64
}
