//! Which page the address bar shows: the playground (its state packed in
//! the fragment, see [`crate::share`]), the lessons index, or one lesson.
//!
//! ```text
//! #                      the playground, as last left
//! #v3;…                  the playground, from a share link
//! #lessons               the index
//! #lesson/03-box-and-vec a lesson
//! #own-lesson            a teacher's own lesson file, as last opened
//! #own-lesson?url=a.md   a teacher's own lesson file on this site
//! ```

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Code and heaps.
    Playground,
    /// Every lesson with its progress.
    Lessons,
    /// One lesson, by its file stem (`03-box-and-vec`).
    Lesson(String),
    /// A lesson file of the teacher's own: what follows `own-lesson` in
    /// the fragment (empty, or `?url=…`).
    OwnLesson(String),
}

impl Route {
    /// The page a URL fragment (with or without its `#`) names.
    pub fn from_hash(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if hash == "lessons" {
            Route::Lessons
        } else if let Some(query) = hash.strip_prefix("own-lesson") {
            Route::OwnLesson(query.to_string())
        } else if let Some(id) = hash.strip_prefix("lesson/") {
            Route::Lesson(id.to_string())
        } else {
            Route::Playground
        }
    }

    /// The fragment for the page; the playground's is its share link, so
    /// it is written by the playground itself.
    pub fn hash(&self) -> String {
        match self {
            Route::Playground => "#playground".into(),
            Route::Lessons => "#lessons".into(),
            Route::Lesson(id) => format!("#lesson/{id}"),
            Route::OwnLesson(query) => format!("#own-lesson{query}"),
        }
    }

    /// Whether a fragment is the playground's own (empty, `#playground`,
    /// or a share link) rather than another page's.
    pub fn is_playground_hash(hash: &str) -> bool {
        Route::from_hash(hash) == Route::Playground
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_pages_and_back() {
        for route in [
            Route::Lessons,
            Route::Lesson("03-box-and-vec".into()),
            Route::OwnLesson(String::new()),
            Route::OwnLesson("?url=lessons/mine.md".into()),
            Route::Playground,
        ] {
            assert_eq!(Route::from_hash(&route.hash()), route);
        }
        assert_eq!(Route::from_hash(""), Route::Playground);
        assert_eq!(Route::from_hash("#v3;abc"), Route::Playground);
        assert!(Route::is_playground_hash("#v3;abc"));
        assert!(!Route::is_playground_hash("#lessons"));
    }
}
