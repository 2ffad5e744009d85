//! Rebuilds the crate when the embedded datasets or queries change (include_dir cannot tell).

fn main() {
    println!("cargo:rerun-if-changed=datasets");
    println!("cargo:rerun-if-changed=queries");
}
