//! The browser app reads the course from `course.json`, which the
//! `course-json` binary writes into the built site: what it writes must
//! read back as the very course the crate embeds, and a broken file must
//! say where it breaks.

#[test]
fn the_binary_writes_the_course_the_crate_embeds() {
    let dir = std::env::temp_dir().join(format!("course-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("course.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_course-json"))
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let course = lessons::from_json(&written);
    assert_eq!(course, lessons::all());
    assert_eq!(course.len(), lessons::FILES.len());
    assert!(course.iter().all(Result::is_ok));
}

#[test]
fn a_course_that_does_not_read_says_where() {
    let course = lessons::from_json("[{\"Ok\":\n  {\"number\": \"one\"}}]");
    let [Err(e)] = course.as_slice() else {
        panic!("one error expected, got {course:?}");
    };
    assert_eq!((e.file.as_str(), e.line), ("course.json", 2));
    assert!(e.column > 0, "{e}");
}

#[test]
fn without_a_target_the_binary_says_how_to_run_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_course-json"))
        .env_remove("TRUNK_STAGING_DIR")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: course-json"));
}
