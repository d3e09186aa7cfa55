//! rustc's name resolution for values, checked before the program runs: a
//! name written alone as a value (`totl`, `helper(2)`, `Pont(3)`) must be
//! a binding in scope, a function, const or static of the program, a unit
//! or tuple struct, a variant a `use` brought in, a const parameter, or
//! one of the prelude's (`Some`, `None`, `Ok`, `Err`, `drop`, `size_of`
//! and its kin). rustc
//! refuses a program that names anything else (E0425) whether or not the
//! line would ever run, and before any other check, so this looks at every
//! function's code first, not at a run.
//!
//! # Invariants
//! - Nothing rustc accepts is refused: where the names in scope cannot all
//!   be known (a glob import of anything but one of the program's enums,
//!   `macro_rules!`, `thread_local!`, an inline `mod`), nothing is said;
//!   nor is a name captured in a format string (`"{x}"`: the run finds
//!   those), anything inside a macro other than std's whose arguments are
//!   expressions (`static_pass.rs`), nor a path of more than one segment
//!   (`Vec::new`).
//! - Scopes are the walk's (`static_pass.rs`), as Rust scopes bindings.
//! - The first name the walk finds is the one reported, in rustc's words
//!   and at its place.

use syn::{Block, Item, Stmt, UseTree};

use super::static_pass::{Checker, How, Local, Refusal};

/// The prelude's values a program may name alone (`size_of` and its kin
/// are in it since Rust 1.80), and its types, whose misuse as a value
/// rustc words otherwise (E0423).
const PRELUDE: [&str; 14] = [
    "Some",
    "None",
    "Ok",
    "Err",
    "drop",
    "size_of",
    "size_of_val",
    "align_of",
    "align_of_val",
    "Box",
    "String",
    "Vec",
    "Option",
    "Result",
];

/// Each of the program's enums, by name, with its variants' names.
pub(super) type Enums = Vec<(String, Vec<String>)>;

/// The program's enums.
pub(super) fn enums(items: &[Item]) -> Enums {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Enum(e) => Some((
                e.ident.to_string(),
                e.variants.iter().map(|v| v.ident.to_string()).collect(),
            )),
            _ => None,
        })
        .collect()
}

/// The value a declaration names, for `fn`, `const`, `static` and
/// `struct`.
pub(super) fn item_name(item: &Item) -> Option<String> {
    match item {
        Item::Fn(f) => Some(f.sig.ident.to_string()),
        Item::Const(c) => Some(c.ident.to_string()),
        Item::Static(s) => Some(s.ident.to_string()),
        Item::Struct(s) => Some(s.ident.to_string()),
        _ => None,
    }
}

/// The values the program's items name, and its `use`s bring in; `None`
/// where they cannot all be known.
pub(super) fn item_names(items: &[Item], enums: &Enums) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for item in items {
        match item {
            Item::Use(u) => used_names(&u.tree, enums, &mut names)?,
            Item::Macro(_) | Item::Mod(_) | Item::ExternCrate(_) | Item::ForeignMod(_) => {
                return None
            }
            item => names.extend(item_name(item)),
        }
    }
    Some(names)
}

/// The names a `use` brings in: its last segments (or their renames), and
/// the variants of the program's enum a `use Shape::*` names; `None` for
/// any other glob.
fn used_names(tree: &UseTree, enums: &Enums, out: &mut Vec<String>) -> Option<()> {
    let mut pending = vec![(tree, None::<String>)];
    while let Some((tree, parent)) = pending.pop() {
        match tree {
            UseTree::Path(p) => pending.push((&p.tree, Some(p.ident.to_string()))),
            UseTree::Name(n) if n.ident == "self" => {
                out.extend(parent);
            }
            UseTree::Name(n) => {
                out.push(n.ident.to_string());
            }
            UseTree::Rename(r) => {
                out.push(r.rename.to_string());
            }
            UseTree::Glob(_) => {
                let (_, variants) = enums
                    .iter()
                    .find(|(e, _)| parent.as_deref() == Some(e.as_str()))?;
                out.extend(variants.iter().cloned());
            }
            UseTree::Group(g) => {
                pending.extend(g.items.iter().map(|t| (t, parent.clone())));
            }
        }
    }
    Some(())
}

/// The names of the const parameters `generics` declares.
pub(super) fn const_params(generics: &syn::Generics) -> Vec<String> {
    generics
        .const_params()
        .map(|c| c.ident.to_string())
        .collect()
}

impl Checker<'_> {
    fn known(&self, name: &str) -> bool {
        self.scopes.iter().flatten().any(|l| l.name == name)
            || self.items.iter().any(|n| n == name)
            || PRELUDE.contains(&name)
            || matches!(name, "self" | "Self" | "crate" | "super")
    }

    /// The names the items inside `block` declare (a `use` too), in scope
    /// in all of it; what cannot be known makes the walk blind to names.
    pub(super) fn block_items(&mut self, block: &Block) -> Vec<Local> {
        let mut names = Vec::new();
        for stmt in &block.stmts {
            match stmt {
                // A glob of std's: what it brings cannot be known.
                Stmt::Item(Item::Use(u))
                    if used_names(&u.tree, &self.enums, &mut names).is_none() =>
                {
                    self.blind = true;
                }
                Stmt::Item(Item::Macro(_) | Item::Mod(_)) => self.blind = true,
                Stmt::Item(item) => names.extend(item_name(item)),
                _ => {}
            }
        }
        let closures = self.closures;
        names
            .into_iter()
            .map(|name| Local {
                name,
                mutable: true,
                how: How::Item,
                kind: None,
                closures,
                literals: None,
                fixed: None,
            })
            .collect()
    }

    /// `path`, written alone as a value (`called`: as the function of a
    /// call), checked against the names in scope.
    pub(super) fn path(&mut self, path: &syn::ExprPath, called: bool) {
        if self.unresolved.is_some()
            || self.blind
            || path.qself.is_some()
            || path.path.leading_colon.is_some()
            || path.path.segments.len() != 1
        {
            return;
        }
        let segment = &path.path.segments[0];
        let name = segment.ident.to_string();
        if self.known(&name) {
            return;
        }
        let what = match (called, name.starts_with(|c: char| c.is_ascii_uppercase())) {
            (true, true) => "function, tuple struct or tuple variant",
            (true, false) => "function",
            (false, _) => "value",
        };
        self.unresolved = Some(Refusal {
            span: segment.ident.span(),
            message: format!("cannot find {what} `{name}` in this scope"),
        });
    }
}
