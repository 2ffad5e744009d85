//! The run manifest lists the datasets each query's results were computed from: every dataset a
//! step read, and no other.

use super::run_in;

/// The ids of a list of ids, or of a list of `{"id": …}` objects.
fn ids(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|d| d.as_str().or_else(|| d["id"].as_str()).expect("an id"))
        .collect()
}

#[test]
fn run_manifest_lists_the_datasets_of_each_step_and_nothing_else() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Two steps reading different datasets (each also reads the countries reference).
    std::fs::write(
        tmp.path().join("two.toml"),
        "title = \"t\"\ndescription = \"d\"\n\n\
         [[step]]\nargs = [\"rank\", \"gii.score\", \"--year\", \"2021\"]\noutput = \"gii.csv\"\n\n\
         [[step]]\nargs = [\"rank\", \"ifr.robot_density\", \"--year\", \"2024\"]\noutput = \"ifr.csv\"\n",
    )
    .expect("write");
    // A second query in the same run, on a third dataset.
    std::fs::write(
        tmp.path().join("one.toml"),
        "title = \"u\"\ndescription = \"e\"\n\n\
         [[step]]\nargs = [\"rank\", \"msti.gerd_pct_gdp\"]\noutput = \"msti.csv\"\n",
    )
    .expect("write");
    let out = run_in(
        tmp.path(),
        &["run", "two.toml", "one.toml", "--out-dir", "out", "-q"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(tmp.path().join("out/manifest.json")).expect("manifest"),
    )
    .expect("json");
    let queries = manifest["queries"].as_array().expect("queries");
    assert_eq!(queries.len(), 2);
    assert_eq!(ids(&queries[0]["datasets"]), ["countries", "gii", "ifr"]);
    assert_eq!(ids(&queries[1]["datasets"]), ["countries", "msti"]);
    assert_eq!(
        ids(&manifest["datasets"]),
        ["countries", "gii", "ifr", "msti"]
    );
    for d in manifest["datasets"].as_array().expect("datasets") {
        assert_eq!(d["data"], "embedded datasets");
    }
}
