//! Embeds the default theme (`themes/default/`: `templates/`, `static/`,
//! `strings.yaml`) in the binary, so `vanban build` works in any folder
//! that has a `content/`. Writes `$OUT_DIR/builtin_theme.rs`: one
//! `include_bytes!` per file, sorted by path.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let theme = root.join("themes/default");
    // Cargo looks at every file below a folder named here.
    println!("cargo:rerun-if-changed=themes/default/templates");
    println!("cargo:rerun-if-changed=themes/default/static");
    println!("cargo:rerun-if-changed=themes/default/strings.yaml");
    let mut files = Vec::new();
    for part in ["templates", "static"] {
        collect(&theme, &theme.join(part), &mut files);
    }
    files.push((theme.join("strings.yaml"), "strings.yaml".to_string()));
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let mut source = String::from("/// Every file of the built-in default theme: (path in the theme, bytes).\n");
    source.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (path, name) in &files {
        writeln!(source, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    source.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("builtin_theme.rs"), source).expect("OUT_DIR is writable");
}

/// Every file below `dir`, with its path relative to `theme` (`/`-separated).
fn collect(theme: &Path, dir: &Path, files: &mut Vec<(PathBuf, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable folder").path();
        if path.is_dir() {
            collect(theme, &path, files);
        } else {
            let rel = path.strip_prefix(theme).expect("below the theme");
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push((path, name));
        }
    }
}
