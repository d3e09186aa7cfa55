//! The lessons: Markdown files in this folder, one per lesson, named
//! `NN-slug.md` and opening with a `# Title` line.
//!
//! This crate reads a lesson's file name and text into a [`Lesson`]; it
//! does no I/O of its own, so the browser (which gets the text over HTTP)
//! and the native tests (which read the folder) share it. Every error says
//! where: line and column.

use std::fmt;

/// One lesson, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// Its place in the course, from the file name's `NN-`.
    pub number: u32,
    /// The rest of the file name: `the-trait-at-the-bottom`.
    pub slug: String,
    /// The text of the opening `# ` line.
    pub title: String,
    /// The Markdown after the title line.
    pub body: String,
}

/// Where a lesson file is wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// The file.
    pub file: String,
    /// Line, from 1 (0 for the file name itself).
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for LessonError {}

/// Reads `file_name` (`03-box-and-vec.md`) and its `text` into a lesson.
pub fn parse_lesson(file_name: &str, text: &str) -> Result<Lesson, LessonError> {
    let error = |line, column, message: String| LessonError {
        file: file_name.to_string(),
        line,
        column,
        message,
    };
    let stem = file_name
        .strip_suffix(".md")
        .ok_or_else(|| error(0, 1, "a lesson file ends in .md".to_string()))?;
    let (number, slug) = stem
        .split_once('-')
        .and_then(|(n, slug)| Some((n.parse::<u32>().ok()?, slug)))
        .filter(|(_, slug)| !slug.is_empty())
        .ok_or_else(|| {
            error(
                0,
                1,
                format!("`{file_name}` should be named NN-slug.md, like 01-the-trait.md"),
            )
        })?;
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (index, first) = lines
        .next()
        .ok_or_else(|| error(1, 1, "the lesson is empty".to_string()))?;
    let title = first
        .strip_prefix("# ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            error(
                index + 1,
                1,
                "a lesson opens with its title: `# Title`".to_string(),
            )
        })?;
    let body: Vec<&str> = lines.map(|(_, l)| l).collect();
    Ok(Lesson {
        number,
        slug: slug.to_string(),
        title: title.to_string(),
        body: body.join("\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_has_a_number_slug_title_and_body() {
        let lesson = parse_lesson(
            "03-box-and-vec.md",
            "\n# Box and Vec\n\nWhat `Box::new` asks for.\n",
        )
        .unwrap();
        assert_eq!(lesson.number, 3);
        assert_eq!(lesson.slug, "box-and-vec");
        assert_eq!(lesson.title, "Box and Vec");
        assert_eq!(lesson.body.trim(), "What `Box::new` asks for.");
    }

    #[test]
    fn a_missing_title_is_reported_at_its_line() {
        let err = parse_lesson("01-x.md", "\n\nSome text\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.to_string().starts_with("01-x.md:3:1:"));
    }

    #[test]
    fn badly_named_files_are_refused_with_the_expected_form() {
        assert!(parse_lesson("intro.md", "# T")
            .unwrap_err()
            .message
            .contains("NN-slug.md"));
        assert!(parse_lesson("01-.md", "# T").is_err());
        assert!(parse_lesson("01-x.txt", "# T")
            .unwrap_err()
            .message
            .contains(".md"));
    }
}
