//! The program's generic structs and enums: each instance laid out for its
//! type arguments by the layout engine (each checked against real Rust in
//! `conformance`: corpus programs 112 to 115), the arguments found where
//! rustc finds them, and the errors a learner gets, each at its line.

use alloc_sim::scenario::std_rules::{enum_shape, struct_shape, RawBuf, Shape};
use alloc_sim::scenario::Outcome;
use alloc_sim::{CallOp, LayoutSpec, Target};

mod support;
use support::{error_of, own_calls, run_on_heap};

const PAIR: &str = "#[derive(Debug)]\nstruct Pair<T> {\n    a: T,\n    b: T,\n}\n";

#[test]
fn each_instance_is_laid_out_for_its_own_type_arguments() {
    let source = format!(
        "{PAIR}fn main() {{\n    let small = Box::new(Pair {{ a: 1u8, b: 2 }});\n    let wide = Box::new(Pair {{ a: 3u64, b: 4 }});\n    let mixed: Box<Pair<(u8, u32)>> = Box::new(Pair {{ a: (5, 6), b: (7, 8) }});\n    std::mem::forget((small, wide, mixed));\n}}\n"
    );
    let (run, sim) = run_on_heap(&source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let pair = |field: Shape| struct_shape(&[field, field], false, None);
    let tuple = struct_shape(&[Shape::int(1), Shape::int(4)], false, None).shape;
    let expected: Vec<_> = [pair(Shape::int(1)), pair(Shape::int(8)), pair(tuple)]
        .iter()
        .map(|s| (CallOp::Alloc, s.shape.size, s.shape.align))
        .collect();
    assert_eq!(own_calls(&run), expected);
    // The `Pair<u8>`'s bytes are its two fields where the engine puts them.
    let small = run.calls.iter().find(|c| !c.implicit).unwrap();
    let bytes = sim.heap().read(small.addr.unwrap(), 2).to_vec();
    let at = pair(Shape::int(1)).offsets;
    assert_eq!((bytes[at[0] as usize], bytes[at[1] as usize]), (1, 2));
}

#[test]
fn the_type_arguments_come_from_a_turbofish_an_annotation_the_receiver_or_a_push() {
    let source = "#[derive(Debug)]\nstruct Stack<T> {\n    items: Vec<T>,\n}\n\
        impl<T> Stack<T> {\n    fn new() -> Self {\n        Stack { items: Vec::new() }\n    }\n\
        fn with_capacity(n: usize) -> Self {\n        Stack { items: Vec::with_capacity(n) }\n    }\n\
        fn push(&mut self, x: T) {\n        self.items.push(x);\n    }\n}\n\
        fn main() {\n    let a = Stack::<u64>::with_capacity(3);\n    let b: Stack<u16> = Stack::with_capacity(5);\n\
        let mut c = Stack::new();\n    c.push(9u32);\n    println!(\"{:?} {:?} {:?}\", a, b, c);\n}\n";
    let (run, _) = run_on_heap(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    // What std's first push of a `u32` reserves.
    let mut buf = RawBuf::new(LayoutSpec { size: 4, align: 4 }, Target::Bits64);
    buf.reserve(0, 1).unwrap();
    let first_push = buf.layout().unwrap().size;
    assert_eq!(
        own_calls(&run),
        vec![
            (CallOp::Alloc, 3 * 8, 8),
            (CallOp::Alloc, 5 * 2, 2),
            (CallOp::Alloc, first_push, 4),
            // Dropped at the end of `main`, the last made first.
            (CallOp::Dealloc, first_push, 4),
            (CallOp::Dealloc, 5 * 2, 2),
            (CallOp::Dealloc, 3 * 8, 8),
        ]
    );
    assert_eq!(
        run.output,
        vec!["Stack { items: [] } Stack { items: [] } Stack { items: [9] }"]
    );
}

#[test]
fn a_generic_enum_holds_itself_behind_a_box_laid_out_for_its_argument() {
    let source = "#[derive(Debug)]\nenum Tree<T> {\n    Leaf,\n    Node(Box<Tree<T>>, T, Box<Tree<T>>),\n}\n\
        fn main() {\n    let t = Tree::Node(Box::new(Tree::Leaf), 5u16, Box::new(Tree::Leaf));\n    println!(\"{:?}\", t);\n}\n";
    let (run, _) = run_on_heap(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let tree = enum_shape(
        &[
            vec![],
            vec![Shape::non_null(), Shape::int(2), Shape::non_null()],
        ],
        &[0, 1],
    );
    let boxes: Vec<_> = own_calls(&run)
        .into_iter()
        .filter(|(op, ..)| *op == CallOp::Alloc)
        .filter(|(_, size, _)| *size != 1024)
        .collect();
    let one = (CallOp::Alloc, tree.shape.size, tree.shape.align);
    assert_eq!(boxes, vec![one, one]);
    assert_eq!(run.output, vec!["Node(Leaf, 5, Leaf)"]);
}

#[test]
fn a_type_argument_nothing_gave_is_asked_for_where_the_layout_needs_it() {
    let e = error_of(&format!(
        "{PAIR}enum Tree<T> {{\n    Leaf,\n    Node(Box<Tree<T>>, T),\n}}\nfn main() {{\n    let t = Tree::Leaf;\n    let b = Box::new(t);\n}}\n"
    ));
    // At the `Box::new`, where the tree's layout is first needed.
    assert_eq!(e.line, 12);
    assert!(
        e.message
            .starts_with("type annotations needed for `Tree<_>`"),
        "{}",
        e.message
    );
}

#[test]
fn the_wrong_number_of_type_arguments_is_rustc_s_error() {
    let e = error_of(&format!(
        "{PAIR}fn main() {{\n    let p: Pair<u8, u8> = Pair {{ a: 1, b: 2 }};\n}}\n"
    ));
    assert_eq!((e.line, e.column), (7, 12));
    assert_eq!(
        e.message,
        "struct takes 1 generic argument but 2 generic arguments were supplied"
    );
}

#[test]
fn a_generic_type_that_holds_itself_inline_has_infinite_size() {
    let e = error_of("struct Chain<T> {\n    v: T,\n    next: Chain<T>,\n}\nfn main() {}\n");
    assert_eq!((e.line, e.column), (1, 8));
    assert!(e
        .message
        .starts_with("recursive type `Chain` has infinite size"));
}

#[test]
fn instances_made_inside_one_another_forever_stop_with_an_error() {
    // `W<u8>` holds a `W<Vec<u8>>`, which holds a `W<Vec<Vec<u8>>>`, …
    let e = error_of(
        "struct W<T> {\n    v: T,\n    inner: Option<Box<W<Vec<T>>>>,\n}\nfn main() {\n    let w: W<u8> = W { v: 1, inner: None };\n}\n",
    );
    assert_eq!(e.line, 6);
    assert!(
        e.message
            .starts_with("reached the recursion limit while instantiating"),
        "{}",
        e.message
    );
}

#[test]
fn const_parameters_of_other_types_are_refused_at_their_place() {
    let e = error_of("struct Flag<const ON: bool> {\n    b: u8,\n}\nfn main() {}\n");
    assert_eq!((e.line, e.column), (1, 23));
    assert!(
        e.message
            .contains("const parameters of types other than integers"),
        "{}",
        e.message
    );
}

#[test]
fn a_const_parameter_sizes_each_instance_and_is_a_value_in_its_impl() {
    let source = "struct Buf<const N: usize> {\n    b: [u8; N],\n}\nimpl<const N: usize> Buf<N> {\n    fn len(&self) -> usize {\n        N\n    }\n}\nfn main() {\n    let small = Box::new(Buf::<3> { b: [1; 3] });\n    let big: Box<Buf<40>> = Box::new(Buf { b: [2; 40] });\n    println!(\"{} {}\", small.len(), big.len());\n}\n";
    let (run, _) = run_on_heap(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["3 40".to_string()]);
    // Each box is as big as its instance: 3 bytes, then 40.
    let boxes: Vec<_> = own_calls(&run)
        .into_iter()
        .filter(|(op, ..)| *op == CallOp::Alloc)
        .collect();
    assert_eq!(boxes, vec![(CallOp::Alloc, 3, 1), (CallOp::Alloc, 40, 1)]);
}
