//! What a page shows of a [`Playground`] besides its heaps: the lines to
//! highlight, the banner for an error or an abort, and the inspected byte.
//! Pure, and below both pages that show a playground (the playground
//! itself and a lesson's live scenario), so neither imports the other.

use alloc_sim::scenario::Outcome;
use alloc_sim::StrategyKind;
use yew::prelude::*;

use crate::inspect::Inspection;
use crate::state::Playground;

/// The source line of the last call made at the cursor (in the first
/// pane's run), to highlight.
pub fn current_line(state: &Playground) -> Option<usize> {
    let first = state.panes.first()?;
    let last = state.cursor.checked_sub(1)?;
    first.run.calls.get(last)?.line()
}

/// The error that stopped the scenario, if one did: where, and why.
pub fn error_at(state: &Playground) -> Option<CodeError> {
    match state.problem() {
        Some((_, Outcome::Error(e))) => Some(CodeError {
            line: e.line,
            column: e.column,
            message: e.message,
        }),
        _ => None,
    }
}

/// An error in the code, where the code pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// What the inspected byte is, in the pane it was picked in, titled with
/// that pane's strategy.
pub fn inspection(state: &Playground) -> Option<Inspection> {
    let (kind, addr) = state.inspected?;
    let pane = state.panes.iter().find(|p| p.kind == kind)?;
    let mut i = crate::inspect::inspect(&pane.at_cursor, &pane.run, state.cursor, addr)?;
    i.title = format!("{kind} · {}", i.title);
    Some(i)
}

/// The banner for the first error or abort of any pane
/// ([`Playground::problem`]); nothing when every run went through.
pub fn banner(problem: Option<(StrategyKind, Outcome)>) -> Html {
    match problem {
        Some((
            kind,
            Outcome::Abort {
                message,
                line,
                column,
            },
        )) => html! {
            <div id="banner" class="banner abort" role="alert">
                <strong>{ "Aborted" }</strong>{ format!(" under {kind} at {line}:{column}: {message}. ") }
                { "An infallible allocation failed, so std called handle_alloc_error, which aborts the process. At the last call, the largest free block is outlined on the map: the request had to fit there, and did not." }
            </div>
        },
        Some((_, Outcome::Error(e))) => html! {
            <div id="banner" class="banner error" role="alert">
                <strong>{ format!("{}:{}", e.line, e.column) }</strong>{ format!(" {}", e.message) }
                { what_runs_here(&e.message) }
            </div>
        },
        _ => html! {},
    }
}

/// After an error that names something the interpreter does not run, a
/// link to the page that lists what it does.
pub fn what_runs_here(message: &str) -> Html {
    if message.contains("not supported in scenarios") {
        html! { <>{ " " }<a class="what-runs-here" href="what-runs-here.html" target="_blank" rel="noopener">{ "What runs here" }</a></> }
    } else {
        html! {}
    }
}

/// Where a lesson check's problem is in the code, if it says: its text
/// reads `on {strategy}, {line}:{column}: {message}` (`lessons::check`
/// words a run's error so), or starts with the place. An abort is no
/// place in the code: its text says `aborted at`, and gives none.
pub fn code_error_in(problem: &str) -> Option<CodeError> {
    let text = match problem.strip_prefix("on ") {
        Some(rest) => rest.split_once(", ")?.1,
        None => problem,
    };
    let (place, message) = text.split_once(": ")?;
    let (line, column) = place.split_once(':')?;
    Some(CodeError {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
        message: message.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Seek};
    use std::rc::Rc;
    use yew::Reducible;

    fn playground(source: &str) -> Rc<Playground> {
        Playground::settled(Rc::new(Playground::default()).reduce(Action::Edit(source.to_string())))
    }

    #[test]
    fn the_line_of_the_last_call_made_is_highlighted_and_none_before_the_first() {
        let state = playground(
            "fn main() {\n    let a = Box::new(1u32);\n    let b = Box::new(2u64);\n}\n",
        );
        // Both boxes are dropped at the closing brace.
        assert_eq!(current_line(&state), Some(4));
        // Calls 1 and 2 are the runtime's, before `main`: they point at it.
        let state = state.reduce(Action::Seek(Seek::To(4)));
        assert_eq!(current_line(&state), Some(3));
        let state = state.reduce(Action::Seek(Seek::To(3)));
        assert_eq!(current_line(&state), Some(2));
        let state = state.reduce(Action::Seek(Seek::To(2)));
        assert_eq!(current_line(&state), Some(1));
        let state = state.reduce(Action::Seek(Seek::First));
        assert_eq!(current_line(&state), None);
    }

    #[test]
    fn an_error_names_its_line_and_a_clean_run_none() {
        assert_eq!(error_at(&Playground::settled(Rc::default())), None);
        let state = playground("fn main() {\n    let v = undefined_thing;\n}\n");
        let error = error_at(&state).unwrap();
        assert_eq!((error.line, error.column), (2, 13));
        assert!(
            error.message.contains("undefined_thing"),
            "{}",
            error.message
        );
    }

    #[test]
    fn an_inspected_byte_is_titled_with_its_pane_s_strategy() {
        let state = Playground::settled(Rc::default());
        let kind = state.panes[0].kind;
        let base = state.panes[0].at_cursor.base();
        let state = state.reduce(Action::Inspect(Some((kind, base))));
        let i = inspection(&state).expect("the heap's first byte");
        assert!(
            i.title.starts_with(&format!("{kind} · {base}: ")),
            "{}",
            i.title
        );
        let elsewhere = state.reduce(Action::Inspect(Some((StrategyKind::Jemalloc, base))));
        assert_eq!(inspection(&elsewhere), None, "no pane of that strategy");
    }

    #[test]
    fn a_lesson_checks_error_is_placed_in_the_code_and_an_abort_is_not() {
        let code = "fn main() {\n    let v = undefined_thing;\n}\n";
        let runs = lessons::check::Runs::new(code, &[StrategyKind::FirstFit], 4096).unwrap();
        let problem = runs.problem().unwrap();
        let error = code_error_in(&problem).unwrap();
        assert_eq!((error.line, error.column), (2, 13), "{problem}");
        assert!(error.message.contains("undefined_thing"), "{problem}");
        assert_eq!(
            code_error_in("on bump, the run aborted at 3:5: memory allocation of 64 bytes failed"),
            None
        );
        assert_eq!(code_error_in("course.bin could not be loaded (404)"), None);
    }
}
