//! Light Rust highlighting for the code pane: keywords, types, numbers,
//! strings, comments, macros. Shown behind the editable text, so it never
//! changes what the learner typed.

/// What a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Plain text and punctuation.
    Plain,
    /// `fn`, `let`, `for`, …
    Keyword,
    /// Type-like names: an identifier starting with a capital, or a primitive.
    Type,
    /// A number literal.
    Number,
    /// A string or char literal.
    Str,
    /// A `//` comment.
    Comment,
    /// A macro name (`vec!`).
    Macro,
}

impl Class {
    /// The CSS class.
    pub fn css(self) -> &'static str {
        match self {
            Class::Plain => "",
            Class::Keyword => "kw",
            Class::Type => "ty",
            Class::Number => "num",
            Class::Str => "str",
            Class::Comment => "com",
            Class::Macro => "mac",
        }
    }
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
    "struct", "true", "unsafe", "use", "where", "while",
];
const PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char", "str",
];

/// Where an error is in the code: from its line and column (both from 1,
/// in characters) to the end of the word there, at least one character.
pub fn error_range(source: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    let start_of_line: usize = source
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(|l| l.chars().count())
        .sum();
    let text = source
        .split_inclusive('\n')
        .nth(line - 1)?
        .trim_end_matches('\n');
    // A place past the end of its line (a missing `;`) marks its last
    // character.
    let column = column
        .saturating_sub(1)
        .min(text.chars().count().saturating_sub(1));
    let word = text
        .chars()
        .skip(column)
        .take_while(|c| !c.is_whitespace())
        .count();
    let start = start_of_line + column;
    Some(start..start + word.max(1))
}

/// Cuts classified pieces so that the characters in `range` are pieces of
/// their own, marked `true`: the part to underline.
pub fn mark(
    pieces: Vec<(Class, String)>,
    range: Option<std::ops::Range<usize>>,
) -> Vec<(Class, String, bool)> {
    let Some(range) = range else {
        return pieces.into_iter().map(|(c, t)| (c, t, false)).collect();
    };
    let mut out = Vec::new();
    let mut at = 0;
    for (class, text) in pieces {
        let n = text.chars().count();
        let (lo, hi) = (
            range.start.clamp(at, at + n) - at,
            range.end.clamp(at, at + n) - at,
        );
        let cut =
            |from: usize, to: usize| text.chars().skip(from).take(to - from).collect::<String>();
        for (from, to, marked) in [(0, lo, false), (lo, hi, true), (hi, n, false)] {
            if from < to {
                out.push((class, cut(from, to), marked));
            }
        }
        at += n;
    }
    out
}

/// Splits `source` into classified pieces whose concatenation is `source`.
pub fn highlight(source: &str) -> Vec<(Class, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out: Vec<(Class, String)> = Vec::new();
    let mut push = |class: Class, text: String| match out.last_mut() {
        Some((c, t)) if *c == class => t.push_str(&text),
        _ => out.push((class, text)),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let class = if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            Class::Comment
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            Class::Str
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            Class::Str
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '_'
                    || chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            {
                i += 1;
            }
            Class::Number
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if chars.get(i) == Some(&'!') {
                i += 1;
                Class::Macro
            } else if KEYWORDS.contains(&word.as_str()) {
                Class::Keyword
            } else if PRIMITIVES.contains(&word.as_str()) || c.is_uppercase() {
                Class::Type
            } else {
                Class::Plain
            }
        } else {
            i += 1;
            Class::Plain
        };
        push(class, chars[start..i.min(chars.len())].iter().collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_underlined_from_its_column_to_the_end_of_its_word() {
        let source = "fn main() {\n    let v = undefined_thing;\n}\n";
        let range = error_range(source, 2, 13).unwrap();
        let chars: Vec<char> = source.chars().collect();
        assert_eq!(
            chars[range.clone()].iter().collect::<String>(),
            "undefined_thing;"
        );
        let marked = mark(highlight(source), Some(range));
        let text: String = marked.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(text, source, "marking keeps the text");
        let under: String = marked
            .iter()
            .filter(|p| p.2)
            .map(|p| p.1.as_str())
            .collect();
        assert_eq!(under, "undefined_thing;");
        // A place past the end of its line marks its last character, and a
        // line past the end of the code marks nothing.
        assert_eq!(error_range("ab\n", 1, 9), Some(1..2));
        assert_eq!(error_range("ab\n", 5, 1), None);
    }

    #[test]
    fn pieces_rejoin_to_the_source_and_are_classified() {
        let src = "fn main() {\n    let v: Vec<u32> = vec![1, 2]; // hi\n    let s = \"a\\\"b\"; let c = 'x';\n}";
        let pieces = highlight(src);
        assert_eq!(
            pieces.iter().map(|(_, t)| t.as_str()).collect::<String>(),
            src
        );
        let find = |text: &str| pieces.iter().find(|(_, t)| t == text).map(|(c, _)| *c);
        assert_eq!(find("fn"), Some(Class::Keyword));
        assert_eq!(find("Vec"), Some(Class::Type));
        assert_eq!(find("u32"), Some(Class::Type));
        assert_eq!(find("vec!"), Some(Class::Macro));
        assert_eq!(find("1"), Some(Class::Number));
        assert_eq!(find("// hi"), Some(Class::Comment));
        assert_eq!(find("\"a\\\"b\""), Some(Class::Str));
        assert_eq!(find("'x'"), Some(Class::Str));
    }

    #[test]
    fn unterminated_strings_and_odd_input_never_panic() {
        for src in ["\"open", "'", "1.", "//", "\\", "é ü 漢字", ""] {
            let joined: String = highlight(src).into_iter().map(|(_, t)| t).collect();
            assert_eq!(joined, src);
        }
    }
}
