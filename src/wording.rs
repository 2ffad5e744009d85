//! Small pieces of English used by every report: counts with the right noun.

/// "1 country", "2 countries".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
