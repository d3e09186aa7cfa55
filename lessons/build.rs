//! Reads every lesson file of this folder (`NN-slug.md`) with the crate's
//! own reader (`src/compile`) and stores the course in the crate (postcard),
//! each file's lesson or its error with line and column. Nothing is
//! parsed in the browser, and an edited or new file is picked up by the
//! next build (`trunk serve` rebuilds on save).
#![allow(dead_code, unused_imports)]

#[path = "src/blocks.rs"]
mod blocks;
#[path = "src/check.rs"]
mod check;
#[path = "src/compile/mod.rs"]
mod compile;
#[path = "src/goal.rs"]
mod goal;
#[path = "src/lesson.rs"]
mod lesson;
#[path = "src/node.rs"]
mod node;
#[path = "src/outline/mod.rs"]
mod outline;

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the lessons folder is readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md") && n.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    names.sort();
    let course: Vec<Result<lesson::Lesson, lesson::LessonError>> = names
        .iter()
        .map(|name| {
            let path = dir.join(name);
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).expect("a lesson file is readable");
            compile::parse_lesson(name, &text)
        })
        .collect();
    let bytes = postcard::to_allocvec(&course).expect("a course serializes");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("course.bin"), bytes).expect("OUT_DIR is writable");
    let out = format!(
        "/// Every lesson file's name, in order.\npub const FILES: &[&str] = &{names:?};\n\n/// The course as read at build time (postcard), see [`all`].\n#[cfg(any(test, feature = \"embed\"))]\nconst COURSE: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/course.bin\"));\n"
    );
    std::fs::write(Path::new(&out_dir).join("course.rs"), out).expect("OUT_DIR is writable");
}
