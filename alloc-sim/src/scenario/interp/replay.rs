//! The program's own allocator on a trace, as malloc lab's driver runs a
//! learner's `mm.c`: no `main`, only the allocator. The program's items are
//! read and its statics laid out (its heap array becomes the heap); then
//! each op of the trace is the call malloc lab's driver makes for it
//! ([`Replayer::call_for`]), made through the program's allocator, whose
//! answer is checked as it is in a run of `main`. What it costs is
//! counted in interpreter steps: the statements and loop turns its code
//! ran, a measure of the work each call does that does not depend on the
//! machine.

use super::*;
use crate::ops::{OpList, OpsError, Replayer};

impl Interp<'_> {
    /// Replays `list` through the program's allocator: the interpreter
    /// steps it took, or why the trace cannot be replayed (an op naming a
    /// block that was never allocated).
    pub(super) fn replay_ops(&mut self, source: &str, list: &OpList) -> R<Result<u64, OpsError>> {
        self.read_program(source)?;
        self.enter_heap_array()?;
        if self.global_alloc.is_none() {
            return err(
                Span::call_site(),
                "this program has no `#[global_allocator]` to replay the trace on: declare one, as in `#[global_allocator] static ALLOCATOR: MyAllocator = MyAllocator::new();`",
            );
        }
        let align = self.sim.malloc_align();
        let start = self.steps;
        let mut replayer = Replayer::default();
        for op in &list.ops {
            let call = match replayer.call_for(align, op) {
                Ok(call) => call,
                Err(e) => return Ok(Err(e)),
            };
            self.here = (op.line, 1);
            self.thread = op.thread;
            self.op_block = Some(op.id);
            let reason = format!("trace line {}: block {}", op.line, op.id);
            let result = self.allocator_call(call, &reason).map_err(|h| {
                Box::new(match *h {
                    Halt::Error(mut e) => {
                        e.message =
                            format!("at trace line {} (block {}): {}", op.line, op.id, e.message);
                        Halt::Error(e)
                    }
                    Halt::Abort(message, at) => Halt::Abort(
                        format!("at trace line {} (block {}): {message}", op.line, op.id),
                        at,
                    ),
                    other => other,
                })
            })?;
            replayer.made(op, call, &result);
        }
        self.op_block = None;
        Ok(Ok(self.steps - start))
    }
}
