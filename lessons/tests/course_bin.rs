//! The browser app reads the course from `course.bin`, which the
//! `course-bin` binary writes into the built site: what it writes must
//! read back as the very course the crate embeds, and a broken file must
//! say where it breaks.

#[test]
fn the_binary_writes_the_course_the_crate_embeds() {
    let dir = std::env::temp_dir().join(format!("course-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("course.bin");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_course-bin"))
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let course = lessons::from_bytes(&written);
    assert_eq!(course, lessons::all());
    assert_eq!(course.len(), lessons::FILES.len());
    assert!(course.iter().all(Result::is_ok));
}

#[test]
fn a_course_cut_short_says_so() {
    let bytes = lessons::course_bytes();
    let course = lessons::from_bytes(&bytes[..bytes.len() / 2]);
    let [Err(e)] = course.as_slice() else {
        panic!("one error expected, got {course:?}");
    };
    assert_eq!(e.file, "course.bin");
    assert!(e.message.contains("does not read back"), "{e}");
}

#[test]
fn without_a_target_the_binary_says_how_to_run_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_course-bin"))
        .env_remove("TRUNK_STAGING_DIR")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: course-bin"));
}
