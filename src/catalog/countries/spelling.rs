//! How a country's name is spelt for comparison: folded (case and spacing), and repaired
//! where UTF-8 text was read as Latin-1.

/// Folds case, accents are kept, runs of white space become one space, ends trimmed.
pub fn fold(name: &str) -> String {
    if name.is_ascii() {
        // The same folding in one pass (most names): ASCII white space (as `char::is_whitespace`
        // has it) and case only.
        let mut out = String::with_capacity(name.len());
        let mut space = false;
        for b in name.bytes() {
            if b.is_ascii_whitespace() || b == 0x0b {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
        return out;
    }
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

/// Repairs text that was UTF-8 decoded as Latin-1/Windows-1252 ("TÃ¼rkiye" → "Türkiye").
///
/// Returns `None` when the text is not mojibake of that kind.
pub fn repair_mojibake(text: &str) -> Option<String> {
    if !text.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let b = match c as u32 {
            0..=0xff => c as u32 as u8,
            _ => cp1252_byte(c)?,
        };
        bytes.push(b);
    }
    let fixed = String::from_utf8(bytes).ok()?;
    (fixed != text).then_some(fixed)
}

/// The Windows-1252 byte for the characters it places in 0x80–0x9F.
fn cp1252_byte(c: char) -> Option<u8> {
    const TABLE: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8a),
        ('‹', 0x8b),
        ('Œ', 0x8c),
        ('Ž', 0x8e),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9a),
        ('›', 0x9b),
        ('œ', 0x9c),
        ('ž', 0x9e),
        ('Ÿ', 0x9f),
    ];
    TABLE.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_clean_text_left_alone() {
        assert_eq!(repair_mojibake("TÃ¼rkiye").as_deref(), Some("Türkiye"));
        assert_eq!(
            repair_mojibake("CÃ´te d'Ivoire").as_deref(),
            Some("Côte d'Ivoire")
        );
        assert_eq!(repair_mojibake("Türkiye"), None);
        assert_eq!(repair_mojibake("Japan"), None);
    }

    #[test]
    fn fold_is_one_rule_for_ascii_and_other_text() {
        let by_words = |n: &str| {
            n.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
                .replace('’', "'")
        };
        for n in [
            "  Korea,   Rep. ",
            "KOREA\t\x0b\x0c REP\r\n",
            "Côte d’Ivoire",
            "TÜRKIYE  ",
            "",
            "   ",
        ] {
            assert_eq!(fold(n), by_words(n), "{n:?}");
        }
    }

    #[test]
    fn fold_ignores_case_and_spacing_only() {
        assert_eq!(fold("  Korea,   Rep. "), "korea, rep.");
        assert_ne!(fold("Niger"), fold("Nigeria"));
    }
}
