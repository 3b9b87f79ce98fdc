//! Architecture rules that the compiler cannot check.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Only src/wasm/ may import wasm-bindgen, js-sys or serde-wasm-bindgen: the domain modules are plain Rust.
#[test]
fn only_src_wasm_touches_javascript() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 3, "found only {files:?}");
    let wasm_dir = src.join("wasm");
    let offenders: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with(&wasm_dir))
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap();
            ["wasm_bindgen", "js_sys", "serde_wasm_bindgen", "web_sys"].iter().any(|k| text.contains(k))
        })
        .collect();
    assert!(offenders.is_empty(), "JS-boundary crates used outside src/wasm/: {offenders:?}");
}
