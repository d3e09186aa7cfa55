//! One input through one target, on a thread of its own, with a clock:
//! its verdict is a pass, a finding (a failed check, a panic, too much
//! host memory) or a hang. A stack overflow or an abort ends the whole
//! process; the supervisor reports those (see `supervise.rs`).

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use crate::counting;

/// The stack of the thread an input runs on: the interpreter makes its
/// own 8 MiB thread (as the app has), so this only has to hold the
/// parsers that run outside it.
const STACK: usize = 64 << 20;

/// What became of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It ended in a result or an error with a place.
    Pass,
    /// A check failed or the code panicked; `signature` groups findings
    /// of one bug (a panic's place, or the reason without its numbers).
    Finding {
        /// One line.
        reason: String,
        /// For grouping.
        signature: String,
    },
    /// It ran past the clock.
    Hang,
}

/// The message of the last panic on any thread, with its place, kept by
/// the hook that [`quiet_panics`] installs.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Panics are expected here: keep each one's message for its finding
/// instead of printing it.
pub fn quiet_panics() {
    panic::set_hook(Box::new(|info| {
        let message = match info.payload() {
            p if p.is::<&str>() => p.downcast_ref::<&str>().map(|s| s.to_string()),
            p => p.downcast_ref::<String>().cloned(),
        }
        .unwrap_or_else(|| "(a panic without a message)".into());
        let place = info.location().map_or_else(String::new, |l| {
            format!("{}:{}:{}", l.file(), l.line(), l.column())
        });
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{place}|{message}"));
        }
    }));
}

/// A reason's signature: its first words that hold no number (sizes,
/// addresses and places differ between inputs that hit one bug).
fn signature_of(reason: &str) -> String {
    reason
        .split_whitespace()
        .filter(|w| !w.contains(|c: char| c.is_ascii_digit()))
        .take(14)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `check` on a fresh thread and waits at most `timeout`; a hung
/// thread is left running (the caller ends the process).
pub fn judge<F>(check: F, timeout: Duration) -> Verdict
where
    F: FnOnce() -> Result<(), String> + Send + 'static,
{
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    crate::ALLOCATOR.reset_peak();
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("fuzz-input".into())
        .stack_size(STACK)
        .spawn(move || {
            let result = panic::catch_unwind(AssertUnwindSafe(check));
            let _ = send.send(result);
        });
    if let Err(e) = spawned {
        return Verdict::Finding {
            reason: format!("the harness could not start a thread: {e}"),
            signature: "harness".into(),
        };
    }
    let verdict = match receive.recv_timeout(timeout) {
        Err(_) => return Verdict::Hang,
        Ok(Ok(Ok(()))) => Verdict::Pass,
        Ok(Ok(Err(reason))) => Verdict::Finding {
            signature: signature_of(&reason),
            reason,
        },
        Ok(Err(_)) => {
            let last = LAST_PANIC.lock().ok().and_then(|mut l| l.take());
            let (place, message) = last
                .as_deref()
                .and_then(|l| l.split_once('|'))
                .map_or(("?".to_string(), "?".to_string()), |(p, m)| {
                    (p.to_string(), crate::targets::first_line(m))
                });
            Verdict::Finding {
                reason: format!("panicked at {place}: {message}"),
                signature: format!("panic at {place}: {}", signature_of(&message)),
            }
        }
    };
    let peak = crate::ALLOCATOR.peak();
    if verdict == Verdict::Pass && peak > counting::BOUND {
        return Verdict::Finding {
            reason: format!(
                "held {} MiB of host memory (the bound is {} MiB)",
                peak >> 20,
                counting::BOUND >> 20
            ),
            signature: "host memory".into(),
        };
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOON: Duration = Duration::from_secs(10);

    #[test]
    fn a_pass_passes() {
        assert_eq!(judge(|| Ok(()), SOON), Verdict::Pass);
    }

    #[test]
    fn a_planted_panic_is_a_finding_with_its_place() {
        quiet_panics();
        let verdict = judge(
            || {
                let v: Vec<u8> = Vec::new();
                let _ = v[std::hint::black_box(3)];
                Ok(())
            },
            SOON,
        );
        match verdict {
            Verdict::Finding { reason, signature } => {
                assert!(reason.contains("index out of bounds"), "{reason}");
                assert!(
                    signature.starts_with("panic at fuzz/src/judge.rs:"),
                    "{signature}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_failed_check_is_a_finding_grouped_without_its_numbers() {
        let verdict = judge(|| Err("an error at 0:3, not a place".into()), SOON);
        assert_eq!(
            verdict,
            Verdict::Finding {
                reason: "an error at 0:3, not a place".into(),
                signature: "an error at not a place".into(),
            }
        );
    }

    #[test]
    fn a_fake_target_that_sleeps_hangs() {
        let verdict = judge(
            || {
                std::thread::sleep(Duration::from_secs(2));
                Ok(())
            },
            Duration::from_millis(50),
        );
        assert_eq!(verdict, Verdict::Hang);
    }

    #[test]
    fn a_bad_error_place_from_a_target_is_a_finding() {
        // A fake trace target whose parser reports line 0.
        let fake = |text: &str| -> Result<(), String> {
            let (line, column) = (0, 1);
            if crate::targets::place_ok(line, column, text) {
                Ok(())
            } else {
                Err(format!("a trace error at {line}:{column}"))
            }
        };
        let verdict = judge(move || fake("a 0 16"), SOON);
        assert!(matches!(verdict, Verdict::Finding { .. }), "{verdict:?}");
    }
}
