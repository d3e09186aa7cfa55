//! A lesson as the app shows it: its number, title and parts in order.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::blocks::{CompareBlock, DrillBlock, Exercise, LayoutBlock, Quiz, ScenarioBlock};
use crate::node::Markdown;

/// One lesson, as read from its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    /// Its place in the course, from the file name's `NN-`.
    pub number: u32,
    /// The rest of the file name: `the-trait-at-the-bottom`.
    pub slug: String,
    /// The text of the opening `# ` line.
    pub title: String,
    /// The page, in order.
    pub parts: Vec<Part>,
}

/// A stretch of a lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Part {
    /// Prose.
    Prose(Markdown),
    /// A scenario with the visualiser.
    Scenario(ScenarioBlock),
    /// Structs drawn as bytes.
    Layout(LayoutBlock),
    /// Predict, then reveal.
    Quiz(Quiz),
    /// Change the code until the goals hold.
    Exercise(Exercise),
    /// Drills made by the page, one after another.
    Drill(DrillBlock),
    /// One program on several allocators, figures side by side.
    Compare(CompareBlock),
}

impl Lesson {
    /// The file name's stem: `03-box-and-vec`.
    pub fn id(&self) -> String {
        format!("{:02}-{}", self.number, self.slug)
    }

    /// The quizzes, in order.
    pub fn quizzes(&self) -> impl Iterator<Item = &Quiz> {
        self.parts.iter().filter_map(|p| match p {
            Part::Quiz(q) => Some(q),
            _ => None,
        })
    }

    /// The exercises, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.parts.iter().filter_map(|p| match p {
            Part::Exercise(e) => Some(e),
            _ => None,
        })
    }

    /// The drill blocks, in order.
    pub fn drill_blocks(&self) -> impl Iterator<Item = &DrillBlock> {
        self.parts.iter().filter_map(|p| match p {
            Part::Drill(d) => Some(d),
            _ => None,
        })
    }

    /// The scenario blocks, in order.
    pub fn scenarios(&self) -> impl Iterator<Item = &ScenarioBlock> {
        self.parts.iter().filter_map(|p| match p {
            Part::Scenario(s) => Some(s),
            _ => None,
        })
    }
}

/// Where a lesson file is wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
