//! Where a syntax node is in the source: from its first token to its last.
//!
//! syn answers this itself (`syn::spanned::Spanned`), but only by printing
//! the node back to tokens, which needs syn's printing code in the page
//! (about 17 KB of the gzipped wasm). This trait walks the tree instead and
//! gives the same answer syn's does: the first token's span joined with the
//! last token's, a delimited group counting as one token from its opening
//! to its closing delimiter; a node without tokens is at the call site.
//!
//! Every node kind the interpreter reports errors at or quotes implements
//! it. Tokens syn could not parse into a node (`Verbatim`) and kinds syn
//! may add later (its enums are non-exhaustive) have no place here, so the
//! enclosing node's is used. An item is only ever reported at its start:
//! its span here ends at its keyword (see `Item`).

use proc_macro2::Span;
use syn::punctuated::{Pair, Punctuated};
use syn::token;
use syn::*;

/// From a node's first token to its last, if it has any.
pub(crate) type Ends = Option<Span>;

/// Where a node is in the source.
pub(crate) trait Spanned {
    /// From its first token to its last, if it has tokens.
    fn ends(&self) -> Ends;

    /// From its first token to its last (syn's `Spanned::span`). Not in
    /// a `dyn Spanned`'s vtable, so a node seen only through `Interp::sp`
    /// has no copy of it.
    fn span(&self) -> Span
    where
        Self: Sized,
    {
        self.ends().unwrap_or_else(Span::call_site)
    }
}

/// One token.
fn at(span: Span) -> Ends {
    Some(span)
}

/// The parts in order, joined: from the first token of the first part
/// that has one to the last token of the last.
fn seq(parts: &[Ends]) -> Ends {
    parts
        .iter()
        .flatten()
        .copied()
        .reduce(|a, b| a.join(b).unwrap_or(a))
}

impl<T: Spanned + ?Sized> Spanned for &T {
    fn ends(&self) -> Ends {
        (**self).ends()
    }
}

impl<T: Spanned + ?Sized> Spanned for Box<T> {
    fn ends(&self) -> Ends {
        (**self).ends()
    }
}

impl<T: Spanned> Spanned for Option<T> {
    fn ends(&self) -> Ends {
        self.as_ref().and_then(Spanned::ends)
    }
}

impl<T: Spanned> Spanned for [T] {
    fn ends(&self) -> Ends {
        seq(&[self.first().ends(), self.last().ends()])
    }
}

impl<T: Spanned> Spanned for Vec<T> {
    fn ends(&self) -> Ends {
        self.as_slice().ends()
    }
}

impl<A: Spanned, B: Spanned> Spanned for (A, B) {
    fn ends(&self) -> Ends {
        seq(&[self.0.ends(), self.1.ends()])
    }
}

impl<T: Spanned, P: Spanned> Spanned for Punctuated<T, P> {
    fn ends(&self) -> Ends {
        let first = self.first().ends();
        let last = match self.pairs().last() {
            Some(Pair::Punctuated(t, p)) => seq(&[t.ends(), p.ends()]),
            Some(Pair::End(t)) => t.ends(),
            None => None,
        };
        seq(&[first, last])
    }
}

impl Spanned for Span {
    fn ends(&self) -> Ends {
        at(*self)
    }
}

impl Spanned for proc_macro2::extra::DelimSpan {
    fn ends(&self) -> Ends {
        at(self.join())
    }
}

/// Tokens of one span (keywords, one-character punctuation).
macro_rules! one_span {
    ($($t:ty),* $(,)?) => {$(
        impl Spanned for $t {
            fn ends(&self) -> Ends {
                at(self.span)
            }
        }
    )*};
}

/// Punctuation of several characters, a span each.
macro_rules! many_spans {
    ($($t:ty),* $(,)?) => {$(
        impl Spanned for $t {
            fn ends(&self) -> Ends {
                let (first, last) = (self.spans[0], self.spans[self.spans.len() - 1]);
                Some(first.join(last).unwrap_or(first))
            }
        }
    )*};
}

/// Delimiters: the whole group.
macro_rules! delimited {
    ($($t:ty),* $(,)?) => {$(
        impl Spanned for $t {
            fn ends(&self) -> Ends {
                at(self.span.join())
            }
        }
    )*};
}

one_span!(
    Token![as],
    Token![async],
    Token![await],
    Token![break],
    Token![const],
    Token![continue],
    Token![crate],
    Token![dyn],
    Token![else],
    Token![enum],
    Token![fn],
    Token![for],
    Token![if],
    Token![impl],
    Token![in],
    Token![let],
    Token![loop],
    Token![match],
    Token![mod],
    Token![move],
    Token![mut],
    Token![pub],
    Token![ref],
    Token![return],
    Token![self],
    Token![static],
    Token![struct],
    Token![trait],
    Token![type],
    Token![unsafe],
    Token![use],
    Token![where],
    Token![while],
    Token![yield],
    Token![extern],
    Token![try],
    Token![union],
    Token![raw],
    Token![default],
    Token![auto],
    Token![_],
    Token![!],
    Token![#],
    Token![&],
    Token![*],
    Token![+],
    Token![,],
    Token![-],
    Token![.],
    Token![/],
    Token![:],
    Token![;],
    Token![<],
    Token![=],
    Token![>],
    Token![?],
    Token![@],
    Token![^],
    Token![|],
    Token![%],
    Token![~],
    Token![$],
);

many_spans!(
    Token![::],
    Token![..],
    Token![..=],
    Token![...],
    Token![=>],
    Token![->],
    Token![&&],
    Token![||],
    Token![==],
    Token![!=],
    Token![<=],
    Token![>=],
    Token![+=],
    Token![-=],
    Token![*=],
    Token![/=],
    Token![%=],
    Token![^=],
    Token![&=],
    Token![|=],
    Token![<<],
    Token![>>],
    Token![<<=],
    Token![>>=],
);

delimited!(token::Paren, token::Bracket, token::Brace);
one_span!(token::Group);

impl Spanned for Ident {
    fn ends(&self) -> Ends {
        at(self.span())
    }
}

impl Spanned for Lifetime {
    fn ends(&self) -> Ends {
        seq(&[at(self.apostrophe), at(self.ident.span())])
    }
}

impl Spanned for Lit {
    fn ends(&self) -> Ends {
        at(self.span())
    }
}

impl Spanned for LitStr {
    fn ends(&self) -> Ends {
        at(self.span())
    }
}

impl Spanned for LitFloat {
    fn ends(&self) -> Ends {
        at(self.span())
    }
}

impl Spanned for Attribute {
    fn ends(&self) -> Ends {
        seq(&[self.pound_token.ends(), self.bracket_token.ends()])
    }
}

impl Spanned for Visibility {
    fn ends(&self) -> Ends {
        match self {
            Visibility::Public(p) => p.ends(),
            Visibility::Restricted(r) => seq(&[r.pub_token.ends(), r.paren_token.ends()]),
            Visibility::Inherited => None,
        }
    }
}

impl Spanned for Label {
    fn ends(&self) -> Ends {
        seq(&[self.name.ends(), self.colon_token.ends()])
    }
}

impl Spanned for Member {
    fn ends(&self) -> Ends {
        match self {
            Member::Named(i) => i.ends(),
            Member::Unnamed(i) => at(i.span),
        }
    }
}

impl Spanned for BinOp {
    fn ends(&self) -> Ends {
        use BinOp::*;
        match self {
            Add(t) => t.ends(),
            Sub(t) => t.ends(),
            Mul(t) => t.ends(),
            Div(t) => t.ends(),
            Rem(t) => t.ends(),
            And(t) => t.ends(),
            Or(t) => t.ends(),
            BitXor(t) => t.ends(),
            BitAnd(t) => t.ends(),
            BitOr(t) => t.ends(),
            Shl(t) => t.ends(),
            Shr(t) => t.ends(),
            Eq(t) => t.ends(),
            Lt(t) => t.ends(),
            Le(t) => t.ends(),
            Ne(t) => t.ends(),
            Ge(t) => t.ends(),
            Gt(t) => t.ends(),
            AddAssign(t) => t.ends(),
            SubAssign(t) => t.ends(),
            MulAssign(t) => t.ends(),
            DivAssign(t) => t.ends(),
            RemAssign(t) => t.ends(),
            BitXorAssign(t) => t.ends(),
            BitAndAssign(t) => t.ends(),
            BitOrAssign(t) => t.ends(),
            ShlAssign(t) => t.ends(),
            ShrAssign(t) => t.ends(),
            _ => None,
        }
    }
}

impl Spanned for UnOp {
    fn ends(&self) -> Ends {
        match self {
            UnOp::Deref(t) => t.ends(),
            UnOp::Not(t) => t.ends(),
            UnOp::Neg(t) => t.ends(),
            _ => None,
        }
    }
}

impl Spanned for RangeLimits {
    fn ends(&self) -> Ends {
        match self {
            RangeLimits::HalfOpen(t) => t.ends(),
            RangeLimits::Closed(t) => t.ends(),
        }
    }
}

// --- Paths and types.

impl Spanned for Path {
    fn ends(&self) -> Ends {
        seq(&[self.leading_colon.ends(), self.segments.ends()])
    }
}

impl Spanned for PathSegment {
    fn ends(&self) -> Ends {
        seq(&[self.ident.ends(), self.arguments.ends()])
    }
}

impl Spanned for PathArguments {
    fn ends(&self) -> Ends {
        match self {
            PathArguments::None => None,
            PathArguments::AngleBracketed(a) => a.ends(),
            PathArguments::Parenthesized(p) => seq(&[p.paren_token.ends(), p.output.ends()]),
        }
    }
}

impl Spanned for AngleBracketedGenericArguments {
    fn ends(&self) -> Ends {
        seq(&[
            self.colon2_token.ends(),
            self.lt_token.ends(),
            self.gt_token.ends(),
        ])
    }
}

impl Spanned for GenericArgument {
    fn ends(&self) -> Ends {
        match self {
            GenericArgument::Lifetime(l) => l.ends(),
            GenericArgument::Type(t) => t.ends(),
            GenericArgument::Const(e) => e.ends(),
            GenericArgument::AssocType(a) => seq(&[a.ident.ends(), a.ty.ends()]),
            GenericArgument::AssocConst(a) => seq(&[a.ident.ends(), a.value.ends()]),
            GenericArgument::Constraint(c) => seq(&[c.ident.ends(), c.bounds.ends()]),
            _ => None,
        }
    }
}

impl Spanned for QSelf {
    fn ends(&self) -> Ends {
        seq(&[self.lt_token.ends(), self.gt_token.ends()])
    }
}

/// A path that may start with `<T as Trait>`.
fn qpath(qself: &Option<QSelf>, path: &Path) -> Ends {
    seq(&[qself.ends(), path.ends()])
}

impl Spanned for ReturnType {
    fn ends(&self) -> Ends {
        match self {
            ReturnType::Default => None,
            ReturnType::Type(arrow, ty) => seq(&[arrow.ends(), ty.ends()]),
        }
    }
}

impl Spanned for TypeParamBound {
    fn ends(&self) -> Ends {
        match self {
            TypeParamBound::Trait(t) => seq(&[
                t.paren_token.ends(),
                t.lifetimes.as_ref().map(|l| &l.for_token).ends(),
                t.path.ends(),
                t.paren_token.ends(),
            ]),
            TypeParamBound::Lifetime(l) => l.ends(),
            _ => None,
        }
    }
}

impl Spanned for Type {
    fn ends(&self) -> Ends {
        match self {
            Type::Array(t) => t.bracket_token.ends(),
            Type::BareFn(t) => seq(&[
                t.lifetimes.as_ref().map(|l| &l.for_token).ends(),
                t.unsafety.ends(),
                t.abi.as_ref().map(|a| &a.extern_token).ends(),
                t.fn_token.ends(),
                t.paren_token.ends(),
                t.output.ends(),
            ]),
            Type::Group(t) => seq(&[t.group_token.ends(), t.elem.ends()]),
            Type::ImplTrait(t) => seq(&[t.impl_token.ends(), t.bounds.ends()]),
            Type::Infer(t) => t.underscore_token.ends(),
            Type::Macro(t) => t.mac.ends(),
            Type::Never(t) => t.bang_token.ends(),
            Type::Paren(t) => t.paren_token.ends(),
            Type::Path(t) => qpath(&t.qself, &t.path),
            Type::Ptr(t) => seq(&[t.star_token.ends(), t.elem.ends()]),
            Type::Reference(t) => seq(&[t.and_token.ends(), t.elem.ends()]),
            Type::Slice(t) => t.bracket_token.ends(),
            Type::TraitObject(t) => seq(&[t.dyn_token.ends(), t.bounds.ends()]),
            Type::Tuple(t) => t.paren_token.ends(),
            _ => None,
        }
    }
}

impl Spanned for Macro {
    fn ends(&self) -> Ends {
        let delimiter = match &self.delimiter {
            MacroDelimiter::Paren(p) => p.ends(),
            MacroDelimiter::Brace(b) => b.ends(),
            MacroDelimiter::Bracket(b) => b.ends(),
        };
        seq(&[self.path.ends(), delimiter])
    }
}

// --- Expressions.

/// An expression struct: its attributes, then its own tokens.
macro_rules! expr_struct {
    ($($t:ty => |$e:ident| $parts:expr;)*) => {$(
        impl Spanned for $t {
            fn ends(&self) -> Ends {
                let $e = self;
                let parts: Ends = $parts;
                seq(&[$e.attrs.ends(), parts])
            }
        }
    )*};
}

expr_struct! {
    ExprArray => |e| e.bracket_token.ends();
    ExprAssign => |e| seq(&[e.left.ends(), e.right.ends()]);
    ExprAsync => |e| seq(&[e.async_token.ends(), e.block.ends()]);
    ExprAwait => |e| seq(&[e.base.ends(), e.await_token.ends()]);
    ExprBinary => |e| seq(&[e.left.ends(), e.right.ends()]);
    ExprBlock => |e| seq(&[e.label.ends(), e.block.ends()]);
    ExprBreak => |e| seq(&[e.break_token.ends(), e.label.ends(), e.expr.ends()]);
    ExprCall => |e| seq(&[e.func.ends(), e.paren_token.ends()]);
    ExprCast => |e| seq(&[e.expr.ends(), e.ty.ends()]);
    ExprClosure => |e| seq(&[
        e.lifetimes.as_ref().map(|l| &l.for_token).ends(),
        e.constness.ends(),
        e.movability.ends(),
        e.asyncness.ends(),
        e.capture.ends(),
        e.or1_token.ends(),
        e.body.ends(),
    ]);
    ExprConst => |e| seq(&[e.const_token.ends(), e.block.ends()]);
    ExprContinue => |e| seq(&[e.continue_token.ends(), e.label.ends()]);
    ExprField => |e| seq(&[e.base.ends(), e.member.ends()]);
    ExprForLoop => |e| seq(&[e.label.ends(), e.for_token.ends(), e.body.ends()]);
    ExprGroup => |e| seq(&[e.group_token.ends(), e.expr.ends()]);
    ExprIf => |e| seq(&[e.if_token.ends(), e.then_branch.ends(), e.else_branch.ends()]);
    ExprIndex => |e| seq(&[e.expr.ends(), e.bracket_token.ends()]);
    ExprInfer => |e| e.underscore_token.ends();
    ExprLet => |e| seq(&[e.let_token.ends(), e.expr.ends()]);
    ExprLit => |e| e.lit.ends();
    ExprLoop => |e| seq(&[e.label.ends(), e.loop_token.ends(), e.body.ends()]);
    ExprMacro => |e| e.mac.ends();
    ExprMatch => |e| seq(&[e.match_token.ends(), e.brace_token.ends()]);
    ExprMethodCall => |e| seq(&[e.receiver.ends(), e.paren_token.ends()]);
    ExprParen => |e| e.paren_token.ends();
    ExprPath => |e| qpath(&e.qself, &e.path);
    ExprRange => |e| seq(&[e.start.ends(), e.limits.ends(), e.end.ends()]);
    ExprRawAddr => |e| seq(&[e.and_token.ends(), e.expr.ends()]);
    ExprReference => |e| seq(&[e.and_token.ends(), e.expr.ends()]);
    ExprRepeat => |e| e.bracket_token.ends();
    ExprReturn => |e| seq(&[e.return_token.ends(), e.expr.ends()]);
    ExprStruct => |e| seq(&[qpath(&e.qself, &e.path), e.brace_token.ends()]);
    ExprTry => |e| seq(&[e.expr.ends(), e.question_token.ends()]);
    ExprTryBlock => |e| seq(&[e.try_token.ends(), e.block.ends()]);
    ExprTuple => |e| e.paren_token.ends();
    ExprUnary => |e| seq(&[e.op.ends(), e.expr.ends()]);
    ExprUnsafe => |e| seq(&[e.unsafe_token.ends(), e.block.ends()]);
    ExprWhile => |e| seq(&[e.label.ends(), e.while_token.ends(), e.body.ends()]);
    ExprYield => |e| seq(&[e.yield_token.ends(), e.expr.ends()]);
}

impl Spanned for Expr {
    fn ends(&self) -> Ends {
        match self {
            Expr::Array(e) => e.ends(),
            Expr::Assign(e) => e.ends(),
            Expr::Async(e) => e.ends(),
            Expr::Await(e) => e.ends(),
            Expr::Binary(e) => e.ends(),
            Expr::Block(e) => e.ends(),
            Expr::Break(e) => e.ends(),
            Expr::Call(e) => e.ends(),
            Expr::Cast(e) => e.ends(),
            Expr::Closure(e) => e.ends(),
            Expr::Const(e) => e.ends(),
            Expr::Continue(e) => e.ends(),
            Expr::Field(e) => e.ends(),
            Expr::ForLoop(e) => e.ends(),
            Expr::Group(e) => e.ends(),
            Expr::If(e) => e.ends(),
            Expr::Index(e) => e.ends(),
            Expr::Infer(e) => e.ends(),
            Expr::Let(e) => e.ends(),
            Expr::Lit(e) => e.ends(),
            Expr::Loop(e) => e.ends(),
            Expr::Macro(e) => e.ends(),
            Expr::Match(e) => e.ends(),
            Expr::MethodCall(e) => e.ends(),
            Expr::Paren(e) => e.ends(),
            Expr::Path(e) => e.ends(),
            Expr::Range(e) => e.ends(),
            Expr::RawAddr(e) => e.ends(),
            Expr::Reference(e) => e.ends(),
            Expr::Repeat(e) => e.ends(),
            Expr::Return(e) => e.ends(),
            Expr::Struct(e) => e.ends(),
            Expr::Try(e) => e.ends(),
            Expr::TryBlock(e) => e.ends(),
            Expr::Tuple(e) => e.ends(),
            Expr::Unary(e) => e.ends(),
            Expr::Unsafe(e) => e.ends(),
            Expr::While(e) => e.ends(),
            Expr::Yield(e) => e.ends(),
            _ => None,
        }
    }
}

impl Spanned for FieldValue {
    fn ends(&self) -> Ends {
        seq(&[self.attrs.ends(), self.member.ends(), self.expr.ends()])
    }
}

impl Spanned for Arm {
    fn ends(&self) -> Ends {
        seq(&[
            self.attrs.ends(),
            self.pat.ends(),
            self.body.ends(),
            self.comma.ends(),
        ])
    }
}

impl Spanned for Block {
    fn ends(&self) -> Ends {
        self.brace_token.ends()
    }
}

// --- Statements and patterns.

impl Spanned for Stmt {
    fn ends(&self) -> Ends {
        match self {
            Stmt::Local(l) => l.ends(),
            Stmt::Item(i) => i.ends(),
            Stmt::Expr(e, semi) => seq(&[e.ends(), semi.ends()]),
            Stmt::Macro(m) => seq(&[m.attrs.ends(), m.mac.ends(), m.semi_token.ends()]),
        }
    }
}

impl Spanned for Local {
    fn ends(&self) -> Ends {
        seq(&[
            self.attrs.ends(),
            self.let_token.ends(),
            self.semi_token.ends(),
        ])
    }
}

impl Spanned for Pat {
    fn ends(&self) -> Ends {
        match self {
            Pat::Const(p) => p.ends(),
            Pat::Ident(p) => seq(&[
                p.attrs.ends(),
                p.by_ref.ends(),
                p.mutability.ends(),
                p.ident.ends(),
                p.subpat.ends(),
            ]),
            Pat::Lit(p) => p.ends(),
            Pat::Macro(p) => p.ends(),
            Pat::Or(p) => seq(&[p.attrs.ends(), p.leading_vert.ends(), p.cases.ends()]),
            Pat::Paren(p) => seq(&[p.attrs.ends(), p.paren_token.ends()]),
            Pat::Path(p) => p.ends(),
            Pat::Range(p) => p.ends(),
            Pat::Reference(p) => seq(&[p.attrs.ends(), p.and_token.ends(), p.pat.ends()]),
            Pat::Rest(p) => seq(&[p.attrs.ends(), p.dot2_token.ends()]),
            Pat::Slice(p) => seq(&[p.attrs.ends(), p.bracket_token.ends()]),
            Pat::Struct(p) => seq(&[
                p.attrs.ends(),
                qpath(&p.qself, &p.path),
                p.brace_token.ends(),
            ]),
            Pat::Tuple(p) => p.ends(),
            Pat::TupleStruct(p) => seq(&[
                p.attrs.ends(),
                qpath(&p.qself, &p.path),
                p.paren_token.ends(),
            ]),
            Pat::Type(p) => p.ends(),
            Pat::Wild(p) => seq(&[p.attrs.ends(), p.underscore_token.ends()]),
            _ => None,
        }
    }
}

impl Spanned for PatTuple {
    fn ends(&self) -> Ends {
        seq(&[self.attrs.ends(), self.paren_token.ends()])
    }
}

impl Spanned for FieldPat {
    fn ends(&self) -> Ends {
        seq(&[self.attrs.ends(), self.member.ends(), self.pat.ends()])
    }
}

impl Spanned for PatType {
    fn ends(&self) -> Ends {
        seq(&[self.attrs.ends(), self.pat.ends(), self.ty.ends()])
    }
}

// --- Items.

impl Spanned for Signature {
    fn ends(&self) -> Ends {
        seq(&[
            self.constness.ends(),
            self.asyncness.ends(),
            self.unsafety.ends(),
            self.abi.as_ref().map(|a| &a.extern_token).ends(),
            self.fn_token.ends(),
            self.paren_token.ends(),
            self.output.ends(),
            self.generics.where_clause.ends(),
        ])
    }
}

impl Spanned for WhereClause {
    fn ends(&self) -> Ends {
        seq(&[self.where_token.ends(), self.predicates.ends()])
    }
}

impl Spanned for WherePredicate {
    fn ends(&self) -> Ends {
        match self {
            WherePredicate::Type(p) => seq(&[p.bounded_ty.ends(), p.bounds.ends()]),
            WherePredicate::Lifetime(p) => seq(&[p.lifetime.ends(), p.bounds.ends()]),
            _ => None,
        }
    }
}

impl Spanned for FnArg {
    fn ends(&self) -> Ends {
        match self {
            FnArg::Receiver(r) => r.ends(),
            FnArg::Typed(p) => p.ends(),
        }
    }
}

impl Spanned for Receiver {
    fn ends(&self) -> Ends {
        // `&self` has a type syn makes up; only `self: T` wrote one.
        let ty = self.colon_token.is_some().then(|| self.ty.ends()).flatten();
        seq(&[
            self.attrs.ends(),
            self.reference.as_ref().map(|r| &r.0).ends(),
            self.mutability.ends(),
            self.self_token.ends(),
            ty,
        ])
    }
}

impl Spanned for Field {
    fn ends(&self) -> Ends {
        seq(&[
            self.attrs.ends(),
            self.vis.ends(),
            self.ident.ends(),
            self.ty.ends(),
        ])
    }
}

impl Spanned for Fields {
    fn ends(&self) -> Ends {
        match self {
            Fields::Named(f) => f.brace_token.ends(),
            Fields::Unnamed(f) => f.paren_token.ends(),
            Fields::Unit => None,
        }
    }
}

impl Spanned for Variant {
    fn ends(&self) -> Ends {
        seq(&[
            self.attrs.ends(),
            self.ident.ends(),
            self.fields.ends(),
            self.discriminant.ends(),
        ])
    }
}

// Items are reported at their first token and never quoted, so an item's
// span here runs from its first token to its keyword only: the whole of it
// would cost the page a kilobyte for nothing.

impl Spanned for ImplItem {
    fn ends(&self) -> Ends {
        match self {
            ImplItem::Const(c) => seq(&[c.attrs.ends(), c.vis.ends(), c.const_token.ends()]),
            ImplItem::Fn(f) => seq(&[f.attrs.ends(), f.vis.ends(), f.sig.ends()]),
            ImplItem::Type(t) => seq(&[t.attrs.ends(), t.vis.ends(), t.type_token.ends()]),
            ImplItem::Macro(m) => seq(&[m.attrs.ends(), m.mac.ends()]),
            _ => None,
        }
    }
}

impl Spanned for TraitItem {
    fn ends(&self) -> Ends {
        match self {
            TraitItem::Const(c) => seq(&[c.attrs.ends(), c.const_token.ends()]),
            TraitItem::Fn(f) => seq(&[f.attrs.ends(), f.sig.ends()]),
            TraitItem::Type(t) => seq(&[t.attrs.ends(), t.type_token.ends()]),
            TraitItem::Macro(m) => seq(&[m.attrs.ends(), m.mac.ends()]),
            _ => None,
        }
    }
}

impl Spanned for ItemStatic {
    fn ends(&self) -> Ends {
        seq(&[self.attrs.ends(), self.vis.ends(), self.static_token.ends()])
    }
}

impl Spanned for ItemStruct {
    fn ends(&self) -> Ends {
        seq(&[self.attrs.ends(), self.vis.ends(), self.struct_token.ends()])
    }
}

impl Spanned for Generics {
    /// `<…>` alone: its where clause is printed with the item, elsewhere.
    fn ends(&self) -> Ends {
        seq(&[self.lt_token.ends(), self.gt_token.ends()])
    }
}

impl Spanned for Item {
    fn ends(&self) -> Ends {
        let (attrs, vis, keyword) = match self {
            Item::Const(i) => (&i.attrs, Some(&i.vis), i.const_token.ends()),
            Item::Enum(i) => (&i.attrs, Some(&i.vis), i.enum_token.ends()),
            Item::ExternCrate(i) => (&i.attrs, Some(&i.vis), i.extern_token.ends()),
            Item::Fn(i) => (&i.attrs, Some(&i.vis), i.sig.ends()),
            Item::ForeignMod(i) => (
                &i.attrs,
                None,
                seq(&[i.unsafety.ends(), i.abi.extern_token.ends()]),
            ),
            Item::Impl(i) => (
                &i.attrs,
                None,
                seq(&[i.defaultness.ends(), i.unsafety.ends(), i.impl_token.ends()]),
            ),
            Item::Macro(i) => (&i.attrs, None, i.mac.ends()),
            Item::Mod(i) => (
                &i.attrs,
                Some(&i.vis),
                seq(&[i.unsafety.ends(), i.mod_token.ends()]),
            ),
            Item::Static(i) => return i.ends(),
            Item::Struct(i) => return i.ends(),
            Item::Trait(i) => (
                &i.attrs,
                Some(&i.vis),
                seq(&[i.unsafety.ends(), i.auto_token.ends(), i.trait_token.ends()]),
            ),
            Item::TraitAlias(i) => (&i.attrs, Some(&i.vis), i.trait_token.ends()),
            Item::Type(i) => (&i.attrs, Some(&i.vis), i.type_token.ends()),
            Item::Union(i) => (&i.attrs, Some(&i.vis), i.union_token.ends()),
            Item::Use(i) => (&i.attrs, Some(&i.vis), i.use_token.ends()),
            _ => return None,
        };
        seq(&[attrs.ends(), vis.ends(), keyword])
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::path::Path as FsPath;

    use syn::visit::Visit;

    /// Where a span starts and ends, as (line, column) pairs.
    fn place(span: proc_macro2::Span) -> ((usize, usize), (usize, usize)) {
        let (s, e) = (span.start(), span.end());
        ((s.line, s.column), (e.line, e.column))
    }

    /// Visits every node the interpreter asks the place of and compares
    /// the two answers.
    #[derive(Default)]
    struct Compare {
        nodes: usize,
        differ: Vec<String>,
    }

    impl Compare {
        fn check<T: super::Spanned + syn::spanned::Spanned>(&mut self, kind: &str, node: &T) {
            self.nodes += 1;
            let mut ours = place(super::Spanned::span(node));
            let mut syns = place(syn::spanned::Spanned::span(node));
            // An item is only ever reported at its start.
            if kind.contains("item") {
                (ours.1, syns.1) = ((0, 0), (0, 0));
            }
            if ours != syns {
                self.differ
                    .push(format!("{kind}: ours {ours:?}, syn's {syns:?}"));
            }
        }
    }

    impl<'ast> Visit<'ast> for Compare {
        fn visit_expr(&mut self, e: &'ast syn::Expr) {
            self.check("expression", e);
            syn::visit::visit_expr(self, e);
        }
        fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
            let kind = match s {
                syn::Stmt::Item(_) => "statement item",
                _ => "statement",
            };
            self.check(kind, s);
            syn::visit::visit_stmt(self, s);
        }
        fn visit_pat(&mut self, p: &'ast syn::Pat) {
            self.check("pattern", p);
            syn::visit::visit_pat(self, p);
        }
        fn visit_type(&mut self, t: &'ast syn::Type) {
            self.check("type", t);
            syn::visit::visit_type(self, t);
        }
        fn visit_item(&mut self, i: &'ast syn::Item) {
            self.check("item", i);
            syn::visit::visit_item(self, i);
        }
        fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
            self.check("impl item", i);
            syn::visit::visit_impl_item(self, i);
        }
        fn visit_trait_item(&mut self, i: &'ast syn::TraitItem) {
            self.check("trait item", i);
            syn::visit::visit_trait_item(self, i);
        }
        fn visit_signature(&mut self, s: &'ast syn::Signature) {
            self.check("signature", s);
            syn::visit::visit_signature(self, s);
        }
        fn visit_fn_arg(&mut self, a: &'ast syn::FnArg) {
            self.check("parameter", a);
            syn::visit::visit_fn_arg(self, a);
        }
        fn visit_block(&mut self, b: &'ast syn::Block) {
            self.check("block", b);
            syn::visit::visit_block(self, b);
        }
        fn visit_path(&mut self, p: &'ast syn::Path) {
            self.check("path", p);
            syn::visit::visit_path(self, p);
        }
        fn visit_field(&mut self, f: &'ast syn::Field) {
            self.check("field", f);
            syn::visit::visit_field(self, f);
        }
        fn visit_variant(&mut self, v: &'ast syn::Variant) {
            self.check("variant", v);
            syn::visit::visit_variant(self, v);
        }
        fn visit_arm(&mut self, a: &'ast syn::Arm) {
            self.check("arm", a);
            syn::visit::visit_arm(self, a);
        }
        fn visit_field_value(&mut self, f: &'ast syn::FieldValue) {
            self.check("field value", f);
            syn::visit::visit_field_value(self, f);
        }
        fn visit_generic_argument(&mut self, g: &'ast syn::GenericArgument) {
            self.check("generic argument", g);
            syn::visit::visit_generic_argument(self, g);
        }
        fn visit_generics(&mut self, g: &'ast syn::Generics) {
            self.check("generics", g);
            syn::visit::visit_generics(self, g);
        }
    }

    /// Every program the product ships or checks: the examples, the
    /// lessons' programs and the conformance corpus.
    fn programs() -> Vec<(String, String)> {
        let root = FsPath::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let mut dirs = vec![
            root.join("examples/scenarios"),
            root.join("conformance/corpus"),
            root.join("../lessons"),
        ];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        out.push((path.display().to_string(), text));
                    }
                }
            }
        }
        out
    }

    /// Rarer syntax, each kind of node at least once.
    const RARE: &str = r#"
#![allow(unused)]
use std::fmt::{self, Debug};
pub(crate) static mut COUNT: u32 = 0;
const N: usize = 4;
type Pair<T> = (T, T);
union U { a: u32, b: f32 }
macro_rules! m { () => {} }
m!();
extern "C" { fn abs(x: i32) -> i32; }
mod inner { pub fn f() {} }
trait Shape: Debug where Self: Sized {
    const SIDES: u32;
    type Unit;
    fn area(&self) -> f64 { 0.0 }
    fn boxed(self: Box<Self>) -> u8;
    m!();
}
#[derive(Debug, Clone)]
struct S<'a, T: Clone + 'a> where T: Debug { pub x: &'a T, y: [u8; N] }
struct Unit;
struct Tuple(u8, pub u16);
enum E { A, B(u8), C { x: i32 } = 3 }
impl<'a, T: Clone + Debug> S<'a, T> {
    pub const K: u8 = 1;
    type Out = u8;
    pub(crate) async unsafe fn f<const M: usize>(&mut self, f: fn(u8) -> u8, g: impl Fn(u8) -> u8 + 'static, h: &dyn Fn() -> u8) -> Option<Box<dyn Debug + Send>> where T: 'a {
        let _ = <Vec<u8> as Default>::default();
        let v: Vec<_> = (0..=3).map(|x| x as u8).collect::<Vec<u8>>();
        let c = async move { 1 };
        let r = &raw const self.y;
        'outer: loop { for i in 0.. { if i > 2 { break 'outer; } else { continue 'outer; } } }
        let t = (1,);
        let a = [0u8; 3];
        let s = Self { x: self.x, ..*self };
        let p = std::ptr::null::<u8>() as *const u8;
        #[allow(unused)] let z = -1i32;
        let q = !true && (1 < 2) || 3 >= 4;
        let mut w = 1; w <<= 2; w >>= 1; w ^= 3; w %= 2;
        match t { (0,) | (1,) if w > 0 => {}, (n @ 2..=9,) => {}, (ref m,) => {} }
        if let Some(E::C { x, .. }) = None::<E> {}
        let [first, .., last] = a;
        let Tuple(u, ..) = Tuple(1, 2);
        let E::B(b) = E::B(1) else { return None };
        let f2: fn() -> ! = || loop {};
        let x = (|| -> u8 { 1 })()?;
        let y = unsafe { COUNT };
        let w2 = const { 1 + 1 };
        None
    }
}
impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}", 1) }
}
fn main() {}
"#;

    #[test]
    fn every_node_is_where_syn_puts_it() {
        let mut compare = Compare::default();
        let mut files = 0;
        let rare = ("rare syntax".to_string(), RARE.to_string());
        for (name, text) in programs().into_iter().chain([rare]) {
            let file = match syn::parse_file(&text) {
                Ok(file) => file,
                Err(e) if name == "rare syntax" => panic!("{e}"),
                Err(_) => continue,
            };
            files += 1;
            let before = compare.differ.len();
            compare.visit_file(&file);
            for d in &mut compare.differ[before..] {
                *d = format!("{name}: {d}");
            }
        }
        eprintln!("{files} files, {} nodes", compare.nodes);
        assert!(
            files > 100 && compare.nodes > 10_000,
            "{files} files, {} nodes",
            compare.nodes
        );
        assert!(
            compare.differ.is_empty(),
            "{} of {} nodes differ:\n{}",
            compare.differ.len(),
            compare.nodes,
            compare.differ[..compare.differ.len().min(30)].join("\n")
        );
    }
}
