//! A cheap look at the source's shape before syn parses it: syn and the
//! evaluator recurse once per level of nesting, so a program nested
//! thousands deep would overflow the stack (8 MiB on the native main
//! thread, far less in the browser's wasm) and abort instead of failing
//! with an error.
//!
//! Measured on x86_64 before these limits (first depth that overflowed):
//! on an 8 MiB stack, syn overflowed at 431–439 nested blocks and 684
//! nested parentheses in a debug build, 2,172 / 2,636 in release; the
//! evaluator at 7,300 `1 + 1 + …` terms (debug) and 9,100 (release). On a
//! 1 MiB stack (the wasm budget) syn overflows at 265 nested blocks and
//! 323 parentheses in release, 50 and 81 in debug; long operator chains at
//! 12,890 terms (debug) and 32,400 (release).

use crate::record::ScenarioError;

/// Brackets (and prefix operators) may nest this deep.
pub(super) const MAX_NESTING: usize = 64;

/// Operators one statement may chain (`1 + 1 + …`, `v.a().b()…`).
pub(super) const MAX_CHAIN: usize = 2_000;

/// How deep the evaluator may recurse: an expression inside an expression.
pub(super) const MAX_EVAL_DEPTH: usize = 256;

fn error(line: usize, column: usize, message: String) -> ScenarioError {
    ScenarioError {
        line,
        column,
        message,
    }
}

/// Refuses `source` if its brackets nest more than [`MAX_NESTING`] deep or
/// a statement chains more than [`MAX_CHAIN`] operators, at the first
/// place that goes over; string and char literals and comments are skipped.
pub(super) fn check(source: &str) -> Result<(), ScenarioError> {
    let chars: Vec<char> = source.chars().collect();
    let (mut line, mut column) = (1usize, 1usize);
    let mut depth = 0usize;
    // Operators since the last operand: prefix operators nest too.
    let mut run = 0usize;
    // Operators in this statement.
    let mut chain = 0usize;
    let mut deepest = 0usize;
    let mut first_deep = None;
    let mut first_long = None;
    let mut longest = 0usize;
    let mut i = 0;
    // Advances past `n` characters, keeping line and column.
    let advance = |i: &mut usize, n: usize, line: &mut usize, column: &mut usize| {
        for _ in 0..n {
            if let Some(&c) = chars.get(*i) {
                if c == '\n' {
                    *line += 1;
                    *column = 1;
                } else {
                    *column += 1;
                }
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (l, col) = (line, column);
        match c {
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    advance(&mut i, 1, &mut line, &mut column);
                }
                continue;
            }
            '/' if next == Some('*') => {
                let mut level = 0usize;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        level += 1;
                        advance(&mut i, 2, &mut line, &mut column);
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        level -= 1;
                        advance(&mut i, 2, &mut line, &mut column);
                        if level == 0 {
                            break;
                        }
                    } else {
                        advance(&mut i, 1, &mut line, &mut column);
                    }
                }
                continue;
            }
            '"' => {
                advance(&mut i, 1, &mut line, &mut column);
                while i < chars.len() && chars[i] != '"' {
                    let n = if chars[i] == '\\' { 2 } else { 1 };
                    advance(&mut i, n, &mut line, &mut column);
                }
                advance(&mut i, 1, &mut line, &mut column);
                run = 0;
                continue;
            }
            'r' | 'b'
                if !chars[..i]
                    .last()
                    .is_some_and(|p| super::char_class::continues_ident(*p)) =>
            {
                // A raw string: r"…", r#"…"#, br"…".
                let mut j = i + 1;
                if c == 'b' && chars.get(j) == Some(&'r') {
                    j += 1;
                }
                if c == 'b' && chars.get(j) != Some(&'#') && chars.get(j) != Some(&'"') {
                    advance(&mut i, 1, &mut line, &mut column);
                    run = 0;
                    continue;
                }
                let hashes = chars[j..].iter().take_while(|&&h| h == '#').count();
                if (j > i + 1 || c == 'r') && chars.get(j + hashes) == Some(&'"') {
                    let close: Vec<char> = std::iter::once('"')
                        .chain("#".repeat(hashes).chars())
                        .collect();
                    let skip = j + hashes + 1 - i;
                    advance(&mut i, skip, &mut line, &mut column);
                    while i < chars.len() && !chars[i..].starts_with(&close) {
                        advance(&mut i, 1, &mut line, &mut column);
                    }
                    advance(&mut i, close.len(), &mut line, &mut column);
                    run = 0;
                    continue;
                }
                advance(&mut i, 1, &mut line, &mut column);
                run = 0;
                continue;
            }
            '\'' => {
                // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
                if next == Some('\\') {
                    // Past the quote, the backslash and the escaped character.
                    advance(&mut i, 3, &mut line, &mut column);
                    while i < chars.len() && chars[i] != '\'' && chars[i] != '\n' {
                        advance(&mut i, 1, &mut line, &mut column);
                    }
                    advance(&mut i, 1, &mut line, &mut column);
                } else if chars.get(i + 2) == Some(&'\'') {
                    advance(&mut i, 3, &mut line, &mut column);
                } else {
                    advance(&mut i, 1, &mut line, &mut column);
                }
                run = 0;
                continue;
            }
            '(' | '[' | '{' => {
                depth += 1;
                if c == '{' {
                    chain = 0;
                }
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                run = 0;
                if c == '}' {
                    chain = 0;
                }
            }
            ';' => {
                chain = 0;
                run = 0;
            }
            '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '!' | '<' | '>' | '=' | '.' | '?' => {
                run += 1;
                let prev = if i > 0 { chars[i - 1] } else { ' ' };
                if !"+-*/%&|^!<>=.?".contains(prev) {
                    chain += 1;
                    if chain > longest {
                        longest = chain;
                    }
                    if chain > MAX_CHAIN && first_long.is_none() {
                        first_long = Some((l, col));
                    }
                }
            }
            c if super::char_class::continues_ident(c) => run = 0,
            _ => {}
        }
        let nesting = depth + run;
        if nesting > deepest {
            deepest = nesting;
        }
        if nesting > MAX_NESTING && first_deep.is_none() {
            first_deep = Some((l, col));
        }
        advance(&mut i, 1, &mut line, &mut column);
    }
    if let Some((l, col)) = first_deep {
        return Err(error(
            l,
            col,
            format!("this expression nests {deepest} deep; scenarios allow at most {MAX_NESTING}"),
        ));
    }
    if let Some((l, col)) = first_long {
        return Err(error(
            l,
            col,
            format!(
                "this expression chains {longest} operators; scenarios allow at most {MAX_CHAIN}"
            ),
        ));
    }
    Ok(())
}
