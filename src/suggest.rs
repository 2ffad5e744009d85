//! "Did you mean": the known ids or names closest to what a user typed. Used by the catalog
//! and the error type alike, so it depends on nothing else in the crate.

/// Inputs longer than this (in characters) get no suggestion: no id or name is that long, and
/// comparing costs time in proportion to the input's length times each known string's.
pub const SUGGEST_MAX_INPUT: usize = 200;

/// The known strings closest to `input` (Jaro–Winkler, case-folded), best first. Linear in the
/// number of known strings: inputs over [`SUGGEST_MAX_INPUT`] characters get none.
pub fn suggest<'a>(input: &str, known: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<String> {
    if input.chars().count() > SUGGEST_MAX_INPUT {
        return Vec::new();
    }
    let lower = input.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| {
            let kl = k.to_lowercase();
            let mut s = strsim::jaro_winkler(&lower, &kl);
            if kl.contains(&lower) || lower.contains(&kl) {
                s = s.max(0.85);
            }
            (s, k)
        })
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, k) in scored {
        if !out.iter().any(|o| o == k) {
            out.push(k.to_string());
        }
        if out.len() == n {
            break;
        }
    }
    out
}
