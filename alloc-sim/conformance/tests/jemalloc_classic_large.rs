//! With `disable_large_size_classes:false`, jemalloc 5.3.1 rounds large
//! requests to the classic large size classes; alloc-sim's option must
//! match. jemalloc reads its options in a load-time constructor, before
//! `main`, so the test runs itself again as a child process with the option
//! in its environment.

use std::ffi::{c_void, CString};
use std::process::Command;

use alloc_sim::strategy::arenas::classes::Classes;
use tikv_jemalloc_sys as jemalloc;

const CHILD: &str = "ALLOCSCOPE_JEMALLOC_CHILD";

#[test]
fn classic_large_classes_match_nallocx() {
    if std::env::var_os(CHILD).is_none() {
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "classic_large_classes_match_nallocx",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .env("_RJEM_MALLOC_CONF", "disable_large_size_classes:false")
            .status()
            .unwrap();
        assert!(status.success(), "the child run failed");
        return;
    }
    // The option really is off in this process.
    let name = CString::new("opt.disable_large_size_classes").unwrap();
    let mut disabled = true;
    let mut len = std::mem::size_of::<bool>();
    // SAFETY: reads a bool.
    let rc = unsafe {
        jemalloc::mallctl(
            name.as_ptr(),
            (&mut disabled as *mut bool).cast::<c_void>(),
            &mut len,
            std::ptr::null_mut(),
            0,
        )
    };
    assert_eq!(
        (rc, disabled),
        (0, false),
        "the option did not reach jemalloc"
    );
    let classes = Classes::new(4096);
    for size in (1..=1u64 << 22).step_by(13) {
        // SAFETY: nallocx only computes.
        let real = unsafe { jemalloc::nallocx(size as usize, 0) } as u64;
        assert_eq!(classes.usable(size, true), real, "nallocx({size})");
    }
}
