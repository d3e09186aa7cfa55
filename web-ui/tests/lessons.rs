//! Lesson components mounted in headless Chromium: a lesson page renders its
//! prose and live blocks from the course built into the app, a quiz reveals
//! the simulation's answer, an exercise checks its goals, and prose can
//! never become markup.
#![cfg(target_arch = "wasm32")]

use lessons::node::{Markdown, Node};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlInputElement;
use web_ui::components::lesson::page::lesson_page;
use web_ui::components::lesson::prose::prose;

mod common;

use common::{appeared, click, root, settled, text};

wasm_bindgen_test_configure!(run_in_browser);

/// A lesson page, as the app shows it: the course held above it.
#[derive(yew::Properties, PartialEq)]
struct PageProps {
    id: yew::AttrValue,
}

#[yew::function_component]
fn LessonPage(props: &PageProps) -> yew::Html {
    let course = web_ui::components::lesson::use_course(true);
    lesson_page(course.as_deref(), &props.id)
}

#[wasm_bindgen_test]
async fn a_lesson_page_renders_its_prose_blocks_and_progress() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let _ = storage.remove_item(&web_ui::lesson_state::storage_key(
        "01-the-trait-at-the-bottom",
    ));
    web_ui::components::lesson::provide_course(lessons::all());
    let root = root();
    yew::Renderer::<LessonPage>::with_root_and_props(
        root.clone(),
        PageProps {
            id: "01-the-trait-at-the-bottom".into(),
        },
    )
    .render();
    settled(&root).await;
    assert_eq!(text(&root, "#lesson-title"), "1. The trait at the bottom");
    assert!(text(&root, ".prose").contains("ends in one trait: GlobalAlloc."));
    // The quiz asks where the program's first block lands: the simulation's
    // answer, as the lesson's tests compute it.
    let lesson = lessons::all()
        .into_iter()
        .flatten()
        .find(|l| l.id() == "01-the-trait-at-the-bottom")
        .unwrap();
    let quiz = lesson.quizzes().next().unwrap();
    let answer = lessons::check::quiz_answer(quiz).unwrap().to_string();
    // Two live scenarios, each with its own stepper; the first starts at call 0.
    assert!(text(&root, "#s0-position").starts_with("call 0 of "));
    assert!(root.query_selector("#s1-position").unwrap().is_some());
    // The quiz below asks where the program's first call lands: until it
    // is answered, the scenario stops after the runtime's two calls, and
    // its log shows nothing of the program's own.
    for _ in 0..3 {
        click(&root, "#s0-forward").await;
    }
    assert_eq!(text(&root, "#s0-position"), "call 2 of 2");
    assert!(!text(&root, "#s0-call-log").contains("size: 4, align: 4"));
    assert!(!text(&root, "#s0-live").contains(&answer));
    assert!(text(&root, "#s0-held").contains("until you answer the quiz"));

    // The quiz: pick the simulation's answer and reveal.
    let choice = root.query_selector("#q0-choice-2").unwrap().unwrap();
    let input = choice.dyn_into::<HtmlInputElement>().unwrap();
    input.click();
    yew::scheduler::flush().await;
    click(&root, "#q0-check").await;
    settled(&root).await;
    assert!(text(&root, "#q0-reveal").starts_with(&format!("Right. You said {answer}")));
    // Answered, the scenario moves onto the asked call, and the rest is shown.
    assert!(text(&root, "#s0-position").starts_with("call 3 of "));
    assert!(root.query_selector("#s0-held").unwrap().is_none());
    let current = text(&root, "#s0-call-log li.current");
    assert!(
        current.contains(&format!("alloc(Layout {{ size: 4, align: 4 }}) → {answer}")),
        "{current}"
    );

    // The first exercise's starting code misses its goals, and the run as
    // checked is shown under them: the log has the wrong-layout dealloc.
    click(&root, "#e0-check").await;
    settled(&root).await;
    let result = text(&root, "#e0-result");
    assert!(result.contains("✗ misuses == 0 — misuses is 1"), "{result}");
    let log = text(&root, "#e0-run-call-log");
    assert!(log.contains("dealloc("), "{log}");
    assert!(root.query_selector("#e0-run .dia").unwrap().is_some());
    assert!(text(&root, "#lesson-progress")
        .starts_with("Quizzes answered: 1 of 1 · exercises solved: 0 of 2"));
    // And the answer was stored for the next visit.
    let stored = storage
        .get_item(&web_ui::lesson_state::storage_key(
            "01-the-trait-at-the-bottom",
        ))
        .unwrap()
        .unwrap();
    assert!(stored.contains(&format!("answer 0 {answer}")), "{stored}");
}

#[wasm_bindgen_test]
async fn prose_shows_raw_html_as_text() {
    let root = root();
    let nodes = vec![Node::Element {
        tag: "p",
        href: None,
        children: vec![Node::Text("<script>alert(1)</script> <b>bold</b>".into())],
    }];
    yew::Renderer::<Prose>::with_root_and_props(root.clone(), ProseProps { nodes }).render();
    yew::scheduler::flush().await;
    assert!(root.query_selector("script").unwrap().is_none());
    assert!(root.query_selector("b").unwrap().is_none());
    assert_eq!(text(&root, "p"), "<script>alert(1)</script> <b>bold</b>");
}

/// The prose view, mounted as a lesson page mounts it.
#[derive(yew::Properties, PartialEq)]
struct ProseProps {
    nodes: Markdown,
}

#[yew::function_component]
fn Prose(props: &ProseProps) -> yew::Html {
    prose(&props.nodes)
}

#[wasm_bindgen_test]
async fn a_teachers_own_lesson_opens_checked_and_a_broken_one_lists_its_problems() {
    use web_ui::components::lesson::own::{OwnLesson, OwnLessonProps, KEY};
    // The last file opened is read again when the page opens: one whose
    // exercise has no goal is refused at its line.
    web_ui::storage::save(
        KEY,
        "mine.md\n# Mine\n\nText.\n\n```exercise\ntitle: T\n--- task\nDo.\n--- start\nfn main() {}\n--- solution\nfn main() {}\n```\n",
    );
    let root = root();
    yew::Renderer::<OwnLesson>::with_root_and_props(
        root.clone(),
        OwnLessonProps {
            query: String::new(),
        },
    )
    .render();
    appeared(&root, "#own-problems").await;
    let problems = text(&root, "#own-problems");
    assert!(
        problems.starts_with("mine.md:5:1 an exercise needs at least one `goal: …`"),
        "{problems}"
    );
    assert!(root.query_selector("#lesson-title").unwrap().is_none());
    // The example: read, checked, shown as a lesson, and kept.
    click(&root, "#own-example").await;
    appeared(&root, "#lesson-title").await;
    assert_eq!(text(&root, "#lesson-title"), "Three boxes");
    assert!(text(&root, "#own-status").contains("passes every check"));
    assert!(root.query_selector("#q0-quiz").unwrap().is_some());
    let kept = web_ui::storage::load(KEY).unwrap();
    assert!(
        kept.starts_with("your-own-lesson.md\n# Three boxes"),
        "{kept}"
    );
}
