//! Cells to numbers and years: missing markers, thousands separators, year headers.

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A missing marker (`..`, empty, `NA`, `n/a`, `-`, `…`, `:`).
    Missing,
    /// A finite number, and the number of decimals it was written with.
    Number(f64, u8),
    /// Anything else; never guessed at.
    NotANumber,
}

const MISSING: [&str; 10] = ["", "..", "...", "na", "n/a", "-", "–", "—", "…", ":"];

/// Parses a value cell. `1,234.5` and `1 234` are read as thousands-grouped numbers only when
/// every group has three digits; a decimal comma (`1,5`) is not a number.
/// A minus sign written as U+2212 (`−3.2`) counts as `-`; `-0` is stored as 0.
pub fn parse_value(text: &str) -> Cell {
    let t = text.trim();
    if is_missing(t) {
        return Cell::Missing;
    }
    let minus;
    let t = match t.strip_prefix('\u{2212}') {
        Some(rest) => {
            minus = format!("-{rest}");
            minus.as_str()
        }
        None => t,
    };
    let plain = strip_grouping(t);
    let s = plain.as_deref().unwrap_or(t);
    if !s.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        || !s.chars().any(|c| c.is_ascii_digit())
    {
        return Cell::NotANumber;
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Cell::Number(v + 0.0, decimals(v)),
        _ => Cell::NotANumber,
    }
}

/// Whether a trimmed cell is a missing marker (ASCII markers in any case).
pub fn is_missing(t: &str) -> bool {
    MISSING.iter().any(|m| m.eq_ignore_ascii_case(t))
}

/// Decimals a value needs, counted up to 3 (the most `decimals` defaults to): the fewest `k`
/// with `v × 10^k` a whole number, else 3.
pub fn decimals(v: f64) -> u8 {
    let mut scaled = v;
    for k in 0..3u8 {
        if (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0) {
            return k;
        }
        scaled *= 10.0;
    }
    3
}

/// `1,234,567.8` or `1 234` (also with no-break spaces) without the separators; `None` if the
/// text has no separator or the groups are not all three digits.
fn strip_grouping(t: &str) -> Option<String> {
    let sep = [',', ' ', '\u{a0}', '\u{202f}']
        .into_iter()
        .find(|c| t.contains(*c))?;
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", int),
    };
    let groups: Vec<&str> = digits.split(sep).collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !ok {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// A year cell or header: `2019`, `2019 [YR2019]` (World Bank DataBank), `2019.0`.
pub fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim();
    let t = match t.split_once('[') {
        Some((head, tail)) if tail.ends_with(']') => head.trim(),
        _ => t,
    };
    let t = t.strip_suffix(".0").unwrap_or(t);
    if t.len() != 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|y| (1800..=2200).contains(y))
}

/// Appends `v` as `{}` writes it: the shortest digits that read back as the same number, in
/// plain notation. Żmij finds those digits; where it would write an exponent, or where two
/// candidates of 16 or 17 digits could tie (Żmij breaks a tie to even, `{}` up), `{}` writes it.
pub fn push_value(out: &mut Vec<u8>, v: f64) {
    let mut buf = zmij::Buffer::new();
    let text = buf.format(v).as_bytes();
    let mut significant = 0usize;
    for &b in text {
        match b {
            b'1'..=b'9' => significant += 1,
            b'0' if significant > 0 => significant += 1,
            b'0' | b'-' | b'.' => {}
            // An exponent, `inf` or `NaN`.
            _ => {
                significant = usize::MAX;
                break;
            }
        }
    }
    if significant <= 15 {
        out.extend_from_slice(text.strip_suffix(b".0").unwrap_or(text));
    } else {
        let _ = std::io::Write::write_fmt(out, format_args!("{v}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(parse_value(".."), Cell::Missing);
        assert_eq!(parse_value(" N/A "), Cell::Missing);
        assert_eq!(parse_value("…"), Cell::Missing);
        assert_eq!(parse_value("1,234.5"), Cell::Number(1234.5, 1));
        assert_eq!(parse_value("1 234"), Cell::Number(1234.0, 0));
        assert_eq!(parse_value("-0.25"), Cell::Number(-0.25, 2));
        assert_eq!(parse_value("1,5"), Cell::NotANumber);
        assert_eq!(parse_value("12,34.5"), Cell::NotANumber);
        assert_eq!(parse_value("NaN"), Cell::NotANumber);
        assert_eq!(parse_value("inf"), Cell::NotANumber);
        assert_eq!(parse_value("12.3 e"), Cell::NotANumber);
        assert_eq!(parse_value("1.5e3"), Cell::Number(1500.0, 0));
        assert_eq!(parse_value("\u{2212}3.2"), Cell::Number(-3.2, 1));
        assert_eq!(parse_value("-0"), Cell::Number(0.0, 0));
        assert!(
            parse_value("-0") == Cell::Number(0.0, 0)
                && matches!(parse_value("-0"), Cell::Number(v, _) if v.is_sign_positive())
        );
        assert_eq!(parse_value("1e400"), Cell::NotANumber);
        assert_eq!(parse_value("12%"), Cell::NotANumber);
        assert_eq!(parse_value("1.234,5"), Cell::NotANumber);
        assert_eq!(parse_value("2.50"), Cell::Number(2.5, 1));
        assert_eq!(parse_value("0.1234"), Cell::Number(0.1234, 3));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2019 [YR2019]"), Some(2019));
        assert_eq!(parse_year("2019"), Some(2019));
        assert_eq!(parse_year("2019-Q1"), None);
        assert_eq!(parse_year("Series Name"), None);
    }

    fn check_written(v: f64) {
        let mut out = Vec::new();
        push_value(&mut out, v);
        assert_eq!(String::from_utf8_lossy(&out), format!("{v}"), "{v:e}");
    }

    #[test]
    fn values_are_written_as_display_writes_them() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            100.0,
            0.1,
            12.5,
            0.001,
            1e-5,
            1e-7,
            1.5e15,
            1e16,
            1.2345e16,
            1e21,
            1e22,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            1532.88376579725,
            // Two 17-digit candidates tie here: `{}` rounds up (…96.13), Żmij to even.
            233_115_890_514_796.0 + 0.125,
            -(2_020_163_013_628_192.0 + 0.25),
        ] {
            check_written(v);
        }
        // Every kind of double: random bit patterns, and decimals of up to 15 digits at every
        // scale (as statistical files hold them).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for k in 0..400_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = if k % 2 == 0 {
                f64::from_bits(x)
            } else {
                (x % 1_000_000_000_000_000) as f64 * 10f64.powi((x >> 50) as i32 % 40 - 25)
            };
            if v.is_finite() {
                check_written(v);
            }
        }
    }
}
