use super::*;

fn rows(vals: &[(&str, f64)]) -> Vec<(String, f64, String)> {
    vals.iter()
        .map(|(n, v)| (n.to_string(), *v, String::new()))
        .collect()
}

#[test]
fn each_tie_rule_gives_its_textbook_ranks() {
    // Values 9, 7, 7, 5: highest first.
    let r = rows(&[
        ("Delta", 7.0),
        ("Alpha", 9.0),
        ("Charlie", 5.0),
        ("Bravo", 7.0),
    ]);
    assert_eq!(
        assign_ranks(&r, Ties::Min, true, false).expect("min"),
        vec![2.0, 1.0, 4.0, 2.0]
    );
    assert_eq!(
        assign_ranks(&r, Ties::Dense, true, false).expect("dense"),
        vec![2.0, 1.0, 3.0, 2.0]
    );
    assert_eq!(
        assign_ranks(&r, Ties::Average, true, false).expect("avg"),
        vec![2.5, 1.0, 4.0, 2.5]
    );
    // Ordinal: Bravo before Delta by name.
    assert_eq!(
        assign_ranks(&r, Ties::Ordinal, true, false).expect("ord"),
        vec![3.0, 1.0, 4.0, 2.0]
    );
    // Lowest first (rank-type indicators).
    assert_eq!(
        assign_ranks(&r, Ties::Ordinal, false, false).expect("ord asc"),
        vec![3.0, 4.0, 1.0, 2.0]
    );
    assert_eq!(
        assign_ranks(&r, Ties::Min, false, false).expect("min asc"),
        vec![2.0, 4.0, 1.0, 2.0]
    );
}

#[test]
fn ranks_restart_within_each_group() {
    let r = vec![
        ("A".to_string(), 1.0, "x".to_string()),
        ("B".to_string(), 2.0, "x".to_string()),
        ("C".to_string(), 3.0, "y".to_string()),
        ("D".to_string(), 0.5, "y".to_string()),
    ];
    assert_eq!(
        assign_ranks(&r, Ties::Min, true, true).expect("within"),
        vec![2.0, 1.0, 1.0, 2.0]
    );
}
