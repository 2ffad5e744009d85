//! Input text quoted in messages: control characters made visible and long text shortened, so
//! a message never echoes megabytes of a file or puts raw escape codes on a terminal.

/// At most this many characters of one input value appear in a message.
pub const MAX_QUOTED: usize = 80;

/// `text` with control characters written as `\u{1b}` and cut to `max` characters with `…`
/// (the total length said when cut).
pub fn shorten(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (shown, c) in text.chars().enumerate() {
        if shown >= max {
            let total = text.chars().count();
            out.push_str(&format!("… ({total} characters)"));
            return out;
        }
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// One input value for a message.
pub fn quote(text: &str) -> String {
    shorten(text, MAX_QUOTED)
}

/// A header for a message: each name quoted, the whole list cut after 300 characters.
pub fn header_list(headers: &[String]) -> String {
    let names: Vec<String> = headers.iter().map(|h| quote(h)).collect();
    let all = names.join(", ");
    if all.chars().count() <= 300 {
        all
    } else {
        let cut: String = all.chars().take(300).collect();
        format!("{cut}… ({} columns)", headers.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_control_text_is_made_safe() {
        assert_eq!(quote("Japan"), "Japan");
        assert_eq!(quote("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        let long = "x".repeat(10_000_000);
        let q = quote(&long);
        assert!(q.len() < 120, "{}", q.len());
        assert!(q.ends_with("… (10000000 characters)"), "{q}");
    }
}
