//! A long-running child (`trunk serve`) that never outlives xtask.
//!
//! `trunk serve` starts builds of its own (cargo, wasm-bindgen, wasm-opt).
//! Ctrl-C in a terminal reaches all of them, but a teacher's script or a
//! service manager stops the server with SIGTERM (or the terminal closes:
//! SIGHUP), which reaches only the process it names, and trunk would go on
//! serving with no one to stop it. So the child runs in a process group of
//! its own, and when xtask is asked to stop, by any of those signals, it
//! stops the whole group: SIGTERM first, SIGKILL for what is still there
//! after a grace period.

use std::process::{Child, Command, ExitStatus};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the group has to stop on SIGTERM before it is killed.
const GRACE: Duration = Duration::from_secs(3);

/// How the child ended.
#[derive(Debug)]
pub enum Ended {
    /// By itself, with this status.
    Exited(ExitStatus),
    /// Because xtask was asked to stop: the whole group was stopped.
    Stopped,
}

/// Runs `command` until it exits or a message arrives on `stop`, and then
/// stops it and everything it started.
pub fn supervise(mut command: Command, stop: &Receiver<()>) -> Result<Ended, String> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let shown = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(Ended::Exited(status));
        }
        match stop.recv_timeout(Duration::from_millis(100)) {
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                stop_group(&mut child);
                return Ok(Ended::Stopped);
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// A channel that receives a message when xtask gets SIGINT, SIGTERM or
/// SIGHUP (Ctrl-C or a console's close on Windows).
pub fn on_stop_signals() -> Result<Receiver<()>, String> {
    let (tx, rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .map_err(|e| format!("could not listen for stop signals: {e}"))?;
    Ok(rx)
}

/// Stops the child's process group (on Unix; the child alone elsewhere)
/// and waits for the child.
fn stop_group(child: &mut Child) {
    #[cfg(unix)]
    {
        let group = format!("-{}", child.id());
        let signal = |name: &str| {
            let _ = Command::new("kill")
                .args([name, "--", &group])
                .stderr(std::process::Stdio::null())
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if matches!(child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Whatever of the group is left, the child's children included.
        signal("-KILL");
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// Whether `pid` is running: a zombie (dead, not yet reaped by
    /// whichever process adopted it) is not.
    fn alive(pid: &str) -> bool {
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next());
            return state != Some("Z");
        }
        Command::new("kill")
            .args(["-0", pid])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn a_stop_ends_the_child_and_what_it_started() {
        let dir = std::env::temp_dir().join(format!("xtask-supervise-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pid_file = dir.join("grandchild");
        // A child that starts a grandchild and waits for it, as trunk
        // waits for its builds; the grandchild ignores nothing.
        let mut c = Command::new("sh");
        c.args([
            "-c",
            &format!("sleep 60 & echo $! > {}; wait", pid_file.display()),
        ]);
        let (tx, rx) = mpsc::channel();
        let waiter = std::thread::spawn(move || supervise(c, &rx));
        let started = Instant::now();
        let grandchild = loop {
            if let Ok(text) = std::fs::read_to_string(&pid_file) {
                if !text.trim().is_empty() {
                    break text.trim().to_string();
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the child never started"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(alive(&grandchild));
        tx.send(()).unwrap();
        assert!(matches!(waiter.join().unwrap(), Ok(Ended::Stopped)));
        // The grandchild was signalled with its group; give the kernel a
        // moment to reap it (its parent, the shell, is gone).
        let deadline = Instant::now() + Duration::from_secs(5);
        while alive(&grandchild) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            !alive(&grandchild),
            "the grandchild {grandchild} outlived the stop"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_child_that_exits_by_itself_reports_its_status() {
        let (_tx, rx) = mpsc::channel();
        let mut c = Command::new("sh");
        c.args(["-c", "exit 3"]);
        match supervise(c, &rx).unwrap() {
            Ended::Exited(status) => assert_eq!(status.code(), Some(3)),
            Ended::Stopped => panic!("nobody asked it to stop"),
        }
    }
}
