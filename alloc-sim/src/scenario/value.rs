//! Values while a scenario runs, and how plain data is written into and
//! read from the heap's bytes.

use std::rc::Rc;

use crate::error::LayoutSpec;
use crate::scenario::std_rules::raw_table::hash_map_fields;
use crate::scenario::ty::{IntTy, MapKind, StructDef, Ty};
use crate::target::Target;
use crate::Addr;

/// A value held in a binding or produced by an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer; its type is `None` for a literal without a suffix, which
    /// takes the type its context needs (`i32` when nothing does).
    Int(i128, Option<IntTy>),
    /// A float; `Some(true)` for `f64`.
    Float(f64, Option<bool>),
    /// `bool`.
    Bool(bool),
    /// `char`.
    Char(char),
    /// A string literal (in the program's static data, not the heap).
    Str(String),
    /// A tuple; `()` is the empty one.
    Tuple(Vec<Value>),
    /// An array.
    Array(Vec<Value>),
    /// A struct value.
    Struct(Rc<StructDef>, Vec<Value>),
    /// A heap owner (`Vec`, `String`, `Box`, `Rc`): an index into the
    /// interpreter's table of owners.
    Owner(usize),
    /// A `Layout`.
    Layout(LayoutSpec),
    /// A raw pointer `*mut T` (or `NonNull<T>`): the address (null is 0)
    /// and the type it points at.
    Ptr(Addr, Box<Ty>),
    /// A value that lives only as bytes in the simulated memory at this
    /// address: the program's static heap array, whose bytes are the
    /// heap's (its type is its place's).
    InMemory(Addr),
    /// `Ok(v)` (`true`) or `Err(v)` (`false`).
    Result(bool, Box<Value>),
    /// A `JoinHandle`: the index of a spawned thread.
    Thread(usize),
    /// `Some(v)` or `None`.
    Opt(Option<Box<Value>>),
    /// A `TryReserveError`: `CapacityOverflow` (`None`), or `AllocError`
    /// with the layout the allocator refused.
    TryReserveError(Option<LayoutSpec>),
    /// A `LayoutError`.
    LayoutError,
    /// A reference `&x`, `&mut x` or `&self.field`: the place it names.
    Ref(Place),
    /// What a `HashMap` (`true`: `(key, value)` tuples) or `HashSet` holds,
    /// in its order: a map's plain view, for `{:?}`.
    Entries(bool, Vec<Value>),
}

/// Where a value lives: a binding, an element of a `Vec` or what a `Box`
/// holds, and the fields (struct or tuple field indices) walked from there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Where the walk starts.
    pub root: Root,
    /// Field indices from the root's value inwards.
    pub fields: Vec<usize>,
}

/// The start of a [`Place`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// A binding: its scope and its slot there.
    Binding { scope: usize, slot: usize },
    /// Element `index` of the `Vec` that owner `owner` is.
    Item { owner: usize, index: usize },
    /// The value the `Box` that owner `owner` is holds.
    Content { owner: usize },
    /// The program's static number `index`, in declaration order.
    Static { index: usize },
    /// A value of the type numbered `ty` (see `Interp::mem_ty`) kept as
    /// bytes at `addr` in the simulated memory: what `*p` names for a raw
    /// pointer `p` into the program's heap array.
    Memory { addr: u64, ty: u32 },
}

impl Place {
    /// Binding `slot` of scope `scope`, itself.
    pub fn binding(scope: usize, slot: usize) -> Place {
        Place {
            root: Root::Binding { scope, slot },
            fields: Vec::new(),
        }
    }

    /// The binding this place starts at, if it starts at one.
    pub fn binding_root(&self) -> Option<(usize, usize)> {
        match self.root {
            Root::Binding { scope, slot } => Some((scope, slot)),
            _ => None,
        }
    }
}

/// What [`Value::encode_with`] asks its caller for: the words of a heap
/// owner's handle, or the address of a `&str`'s text.
#[derive(Debug, Clone, Copy)]
pub enum Handle<'a> {
    /// The owner with this id.
    Owner(usize),
    /// A string's text.
    Str(&'a str),
    /// The vtable of the type the `Box` that owner is holds.
    Vtable(usize),
    /// What a reference held in the heap points at.
    Lent(&'a Place),
}

impl Value {
    /// `()`.
    pub fn unit() -> Value {
        Value::Tuple(Vec::new())
    }

    /// A `*mut u8` at `addr`: what `GlobalAlloc`'s methods take and give.
    pub fn byte_ptr(addr: Addr) -> Value {
        Value::Ptr(addr, Box::new(Ty::Int(IntTy::Fixed(false, 1))))
    }

    /// The plain-data type of this value, if it has one.
    pub fn ty(&self) -> Option<Ty> {
        Some(match self {
            Value::Int(_, t) => Ty::Int(t.unwrap_or(IntTy::Fixed(true, 4))),
            Value::Float(_, d) => Ty::Float(d.unwrap_or(true)),
            Value::Bool(_) => Ty::Bool,
            Value::Char(_) => Ty::Char,
            Value::Tuple(items) => Ty::Tuple(items.iter().map(Value::ty).collect::<Option<_>>()?),
            Value::Array(items) => Ty::Array(
                Box::new(items.first().and_then(Value::ty).unwrap_or(Ty::unit())),
                items.len() as u64,
            ),
            Value::Struct(def, _) => match &def.variant {
                Some(of) => Ty::Enum(of.def.upgrade()?),
                None => Ty::Struct(def.clone()),
            },
            _ => return None,
        })
    }

    /// The value converted to `ty` where a literal needs a type.
    pub fn typed(self, ty: &Ty) -> Value {
        match (self, ty) {
            (Value::Int(v, None), Ty::Int(t)) => Value::Int(v, Some(*t)),
            (Value::Float(v, None), Ty::Float(d)) => Value::Float(v, Some(*d)),
            (Value::Array(items), Ty::Array(elem, _)) => {
                Value::Array(items.into_iter().map(|v| v.typed(elem)).collect())
            }
            (Value::Tuple(items), Ty::Tuple(tys)) => Value::Tuple(
                items
                    .into_iter()
                    .zip(tys)
                    .map(|(v, t)| v.typed(t))
                    .collect(),
            ),
            (Value::Opt(Some(v)), Ty::Option(t)) => Value::Opt(Some(Box::new(v.typed(t)))),
            // A generic struct or variant made before its type arguments
            // were known takes those of the type it is given as.
            (Value::Struct(def, items), Ty::Struct(to))
                if def.variant.is_none()
                    && def.name == to.name
                    && def.args.iter().any(Ty::has_param)
                    && !to.args.iter().any(Ty::has_param) =>
            {
                let items = items
                    .into_iter()
                    .zip(&to.fields)
                    .map(|(v, (_, t))| v.typed(t))
                    .collect();
                Value::Struct(to.clone(), items)
            }
            (Value::Struct(def, items), Ty::Enum(to))
                if !to.args.iter().any(Ty::has_param)
                    && def.variant.as_ref().is_some_and(|of| {
                        of.name == to.name
                            && of
                                .def
                                .upgrade()
                                .is_some_and(|e| e.args.iter().any(Ty::has_param))
                    }) =>
            {
                let index = def.variant.as_ref().map_or(0, |of| of.index);
                match to.variants.get(index) {
                    Some(v) => {
                        let items = items
                            .into_iter()
                            .zip(&v.fields)
                            .map(|(v, (_, t))| v.typed(t))
                            .collect();
                        Value::Struct(v.clone(), items)
                    }
                    None => Value::Struct(def, items),
                }
            }
            (value, Ty::Named(n)) => match n.def.get() {
                Some(t @ (Ty::Struct(_) | Ty::Enum(_))) => value.typed(t),
                _ => value,
            },
            (other, _) => other,
        }
    }

    /// Whether this value can be stored as a `ty` (an unsuffixed literal
    /// fits any type of its kind).
    pub fn fits(&self, ty: &Ty) -> bool {
        match (self, ty) {
            (Value::Int(_, None), Ty::Int(_)) | (Value::Float(_, None), Ty::Float(_)) => true,
            (Value::Int(_, Some(a)), Ty::Int(b)) => a == b,
            (Value::Float(_, Some(a)), Ty::Float(b)) => a == b,
            (Value::Bool(_), Ty::Bool) | (Value::Char(_), Ty::Char) => true,
            (Value::Array(items), Ty::Array(elem, n)) => {
                items.len() as u64 == *n && items.iter().all(|v| v.fits(elem))
            }
            // `[T; N]` with `N` not known here: any length.
            (Value::Array(items), Ty::ArrayOf(elem, _)) => items.iter().all(|v| v.fits(elem)),
            (Value::Tuple(items), Ty::Tuple(tys)) => {
                items.len() == tys.len() && items.iter().zip(tys).all(|(v, t)| v.fits(t))
            }
            (Value::Struct(a, _), Ty::Struct(b)) => a.variant.is_none() && a.name == b.name,
            (Value::Struct(a, _), Ty::Enum(b)) => {
                a.variant.as_ref().is_some_and(|v| v.name == b.name)
            }
            (Value::Struct(a, _), Ty::Named(b)) => a.type_name() == b.name,
            (Value::Opt(None), Ty::Option(_)) => true,
            (Value::Opt(Some(v)), Ty::Option(t)) => v.fits(t),
            // A type parameter not known here takes any value.
            (_, Ty::Param(_)) => true,
            (Value::InMemory(_), Ty::Array(..)) | (Value::Ptr(..), Ty::RawPtr(..)) => true,
            (Value::Opt(Some(v)), Ty::RawPtr(_, true)) => matches!(**v, Value::Ptr(..)),
            _ => false,
        }
    }

    /// The bytes of a value of type `ty`, little-endian; `words` gives a
    /// heap owner's handle (capacity, pointer, length for a `Vec`; the
    /// pointer for a `Box` or `Rc`) and where a `&str`'s text lives.
    pub fn encode_with(
        &self,
        ty: &Ty,
        target: Target,
        out: &mut Vec<u8>,
        words: &dyn Fn(Handle<'_>) -> Vec<u64>,
    ) {
        let start = out.len();
        let layout = ty.layout(target);
        let word = |out: &mut Vec<u8>, w: u64| {
            out.extend_from_slice(&w.to_le_bytes()[..target.word_size() as usize]);
        };
        match (self, ty) {
            (
                Value::Owner(id),
                Ty::Vec(_) | Ty::Deque(_) | Ty::String | Ty::Box(_) | Ty::Rc(_) | Ty::Weak(_),
            ) => {
                for w in words(Handle::Owner(*id)) {
                    word(out, w);
                }
            }
            // `Box<dyn Trait>`: the value's address, then its vtable's.
            // `Box<[T]>`, `Box<str>`: the pointer and length of the
            // `Vec` or `String` it was made from (its capacity is its
            // length).
            (Value::Owner(id), Ty::Boxed(_)) => {
                for w in words(Handle::Owner(*id)).into_iter().skip(1) {
                    word(out, w);
                }
            }
            (Value::Owner(id), Ty::DynBox(_)) => {
                for w in words(Handle::Owner(*id))
                    .into_iter()
                    .chain(words(Handle::Vtable(*id)))
                {
                    word(out, w);
                }
            }
            // A reference: the address of what it lends (0 where that is
            // not in the heap).
            (v, Ty::Ref(_)) => {
                let w = match v {
                    Value::Ref(place) => words(Handle::Lent(place)),
                    _ => vec![0],
                };
                for w in w {
                    word(out, w);
                }
            }
            // A `&str`: the text's address, then its length in bytes.
            (Value::Str(text), Ty::Str) => {
                for w in words(Handle::Str(text)) {
                    word(out, w);
                }
                word(out, text.len() as u64);
            }
            // A B-tree's handle: root, height, length.
            (Value::Owner(id), Ty::Map(MapKind::BTree, ..)) => {
                for w in words(Handle::Owner(*id)) {
                    word(out, w);
                }
            }
            // A hash map's handle: `RandomState`'s keys and the table's
            // words, where rustc's layout puts them.
            (Value::Owner(id), Ty::Map(..)) => {
                out.resize(start + layout.size as usize, 0);
                for (w, (offset, size)) in words(Handle::Owner(*id))
                    .into_iter()
                    .zip(hash_map_fields(target))
                {
                    let at = start + offset as usize;
                    out[at..at + size as usize].copy_from_slice(&w.to_le_bytes()[..size as usize]);
                }
            }
            // An `Option` is an enum: `None` (variant 0) or `Some(v)` (1).
            (Value::Opt(v), Ty::Option(inner)) => {
                let (index, items) = match v {
                    None => (0, Vec::new()),
                    Some(v) => (1, vec![(**v).clone()]),
                };
                let tys = [inner.resolved()];
                Self::encode_variant(&items, &tys, index, ty, target, out, words);
            }
            (Value::Struct(def, items), Ty::Enum(e)) => {
                if let Some(of) = &def.variant {
                    let tys: Vec<Ty> = e.variants[of.index]
                        .fields
                        .iter()
                        .map(|(_, t)| t.clone())
                        .collect();
                    Self::encode_variant(items, &tys, of.index, ty, target, out, words);
                }
            }
            (Value::Int(v, _), Ty::Int(t)) => {
                out.extend_from_slice(&v.to_le_bytes()[..t.size(target) as usize])
            }
            (Value::Ptr(a, _), Ty::RawPtr(..)) => word(out, a.0),
            (Value::Float(v, _), Ty::Float(true)) => out.extend_from_slice(&v.to_le_bytes()),
            (Value::Float(v, _), Ty::Float(false)) => {
                out.extend_from_slice(&(*v as f32).to_le_bytes())
            }
            (Value::Bool(b), Ty::Bool) => out.push(u8::from(*b)),
            (Value::Char(c), Ty::Char) => out.extend_from_slice(&u32::from(*c).to_le_bytes()),
            // `Rc<str>`'s text, held as the bytes it is.
            (Value::Str(text), Ty::Array(..)) => out.extend_from_slice(text.as_bytes()),
            (Value::Array(items), Ty::Array(elem, _)) => {
                for item in items {
                    item.encode_with(elem, target, out, words);
                }
            }
            (Value::Tuple(items), Ty::Tuple(tys)) => {
                Self::encode_fields(items, tys, &ty.field_offsets(target), target, out, words)
            }
            (Value::Struct(_, items), Ty::Struct(def)) => {
                let tys: Vec<Ty> = def.fields.iter().map(|(_, t)| t.clone()).collect();
                Self::encode_fields(items, &tys, &ty.field_offsets(target), target, out, words);
            }
            (Value::Struct(..) | Value::Opt(_), Ty::Named(_)) => {
                self.encode_with(&ty.resolved(), target, out, words);
            }
            _ => {}
        }
        out.resize(start + layout.size as usize, 0);
    }

    /// An enum's value: variant `index`'s fields at their offsets, then
    /// its tag (or niche value) where rustc keeps it.
    #[allow(clippy::too_many_arguments)]
    fn encode_variant(
        items: &[Value],
        tys: &[Ty],
        index: usize,
        ty: &Ty,
        target: Target,
        out: &mut Vec<u8>,
        words: &dyn Fn(Handle<'_>) -> Vec<u64>,
    ) {
        let Some(shape) = ty.enum_shape(target) else {
            return;
        };
        let start = out.len();
        Self::encode_fields(items, tys, &shape.variants[index], target, out, words);
        if let Some((offset, bytes)) = shape.tag_bytes(index) {
            let at = start + offset as usize;
            if out.len() < at + bytes.len() {
                out.resize(at + bytes.len(), 0);
            }
            out[at..at + bytes.len()].copy_from_slice(&bytes);
        }
    }

    fn encode_fields(
        items: &[Value],
        tys: &[Ty],
        offsets: &[u64],
        target: Target,
        out: &mut Vec<u8>,
        words: &dyn Fn(Handle<'_>) -> Vec<u64>,
    ) {
        let start = out.len();
        for ((item, ty), &offset) in items.iter().zip(tys).zip(offsets) {
            let mut field = Vec::new();
            item.encode_with(ty, target, &mut field, words);
            let at = start + offset as usize;
            if out.len() < at + field.len() {
                out.resize(at + field.len(), 0);
            }
            out[at..at + field.len()].copy_from_slice(&field);
        }
    }

    /// Reads a value of type `ty` from its bytes.
    pub fn decode(bytes: &[u8], ty: &Ty, target: Target) -> Value {
        Value::decode_with(bytes, ty, target, &|_, _| Value::unit())
    }

    /// Reads a value of type `ty` from its bytes; `refs` makes a reference
    /// held there (`&T` at the address, `Option<&T>`'s `Some`) a value.
    pub fn decode_with(
        bytes: &[u8],
        ty: &Ty,
        target: Target,
        refs: &dyn Fn(u64, &Ty) -> Value,
    ) -> Value {
        let decode = |bytes: &[u8], ty: &Ty| Value::decode_with(bytes, ty, target, refs);
        match ty {
            Ty::Ref(to) => {
                let n = target.word_size() as usize;
                let mut buf = [0u8; 8];
                buf[..n].copy_from_slice(&bytes[..n]);
                refs(u64::from_le_bytes(buf), to)
            }
            Ty::Int(t) => {
                let n = t.size(target) as usize;
                let mut buf = [0u8; 16];
                buf[..n].copy_from_slice(&bytes[..n]);
                let negative = t.signed() && n < 16 && bytes[n - 1] & 0x80 != 0;
                if negative {
                    buf[n..].fill(0xff);
                }
                Value::Int(i128::from_le_bytes(buf), Some(*t))
            }
            Ty::Float(true) => Value::Float(
                f64::from_le_bytes(bytes[..8].try_into().unwrap_or([0; 8])),
                Some(true),
            ),
            Ty::Float(false) => Value::Float(
                f64::from(f32::from_le_bytes(bytes[..4].try_into().unwrap_or([0; 4]))),
                Some(false),
            ),
            Ty::RawPtr(to, _) => {
                let n = target.word_size() as usize;
                let mut buf = [0u8; 8];
                buf[..n].copy_from_slice(&bytes[..n]);
                Value::Ptr(Addr(u64::from_le_bytes(buf)), to.clone())
            }
            Ty::Bool => Value::Bool(bytes[0] != 0),
            Ty::Char => Value::Char(
                char::from_u32(u32::from_le_bytes(bytes[..4].try_into().unwrap_or([0; 4])))
                    .unwrap_or('\u{fffd}'),
            ),
            Ty::Array(elem, n) => {
                let size = elem.layout(target).size as usize;
                Value::Array(
                    (0..*n as usize)
                        .map(|i| decode(&bytes[i * size..], elem))
                        .collect(),
                )
            }
            Ty::Tuple(tys) => {
                let offsets = ty.field_offsets(target);
                Value::Tuple(
                    tys.iter()
                        .zip(offsets.iter().copied())
                        .map(|(t, o)| decode(&bytes[o as usize..], t))
                        .collect(),
                )
            }
            Ty::Struct(def) => {
                let offsets = ty.field_offsets(target);
                let items = def
                    .fields
                    .iter()
                    .zip(offsets.iter().copied())
                    .map(|((_, t), o)| decode(&bytes[o as usize..], t))
                    .collect();
                Value::Struct(def.clone(), items)
            }
            Ty::Option(inner) if inner.is_plain() || matches!(**inner, Ty::Ref(_)) => {
                let Some(shape) = ty.enum_shape(target) else {
                    return Value::unit();
                };
                match shape.variant_of(bytes) {
                    Some(1) => {
                        let at = shape.variants[1][0] as usize;
                        Value::Opt(Some(Box::new(decode(&bytes[at..], inner))))
                    }
                    _ => Value::Opt(None),
                }
            }
            Ty::Enum(e) if ty.is_plain() => {
                let Some(shape) = ty.enum_shape(target) else {
                    return Value::unit();
                };
                let index = shape.variant_of(bytes).unwrap_or(0);
                let Some(def) = e.variants.get(index) else {
                    return Value::unit();
                };
                let items = def
                    .fields
                    .iter()
                    .zip(&shape.variants[index])
                    .map(|((_, t), &o)| decode(&bytes[o as usize..], t))
                    .collect();
                Value::Struct(def.clone(), items)
            }
            // The values heap owners hold are kept by the interpreter, not
            // read back from their handles' bytes.
            Ty::Option(_)
            | Ty::Vec(_)
            | Ty::Deque(_)
            | Ty::Slice(..)
            | Ty::String
            | Ty::Boxed(_)
            | Ty::Box(_)
            | Ty::Rc(_)
            | Ty::Weak(_)
            | Ty::Map(..)
            | Ty::Named(_)
            | Ty::Closure(_)
            | Ty::Param(_)
            | Ty::Generic(..)
            | Ty::ConstArg(..)
            | Ty::ArrayOf(..)
            | Ty::Str
            | Ty::DynBox(_)
            | Ty::Enum(_) => Value::unit(),
        }
    }

    /// How `println!("{}")` and `{:?}` show it.
    pub fn show(&self, debug: bool) -> String {
        match self {
            Value::Int(v, _) => v.to_string(),
            Value::Float(v, _) => {
                if v.fract() == 0.0 && v.abs() < 1e16 {
                    format!("{v:.1}")
                } else {
                    v.to_string()
                }
            }
            Value::Bool(b) => b.to_string(),
            Value::Char(c) if debug => format!("{c:?}"),
            Value::Char(c) => c.to_string(),
            Value::Str(s) if debug => format!("{s:?}"),
            Value::Str(s) => s.clone(),
            Value::Tuple(items) => format!(
                "({})",
                items
                    .iter()
                    .map(|v| v.show(true))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Array(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|v| v.show(true))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Struct(def, items) => format!(
                "{} {{ {} }}",
                def.name,
                def.fields
                    .iter()
                    .zip(items)
                    .map(|((n, _), v)| format!("{n}: {}", v.show(true)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
                        Value::Owner(_) => "<owner>".into(),
            Value::Entries(map, items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|v| match v {
                        Value::Tuple(kv) if *map && kv.len() == 2 => {
                            format!("{}: {}", kv[0].show(true), kv[1].show(true))
                        }
                        other => other.show(true),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Thread(i) => format!("JoinHandle({})", i + 1),
            Value::Layout(l) => layout_debug(*l),
            Value::Ptr(a, _) => a.to_string(),
            Value::InMemory(a) => format!("<memory at {a}>"),
            Value::Result(true, v) => format!("Ok({})", v.show(true)),
            Value::Result(false, v) => format!("Err({})", v.show(true)),
            Value::Opt(Some(v)) => format!("Some({})", v.show(true)),
            Value::Opt(None) => "None".into(),
            Value::TryReserveError(None) if debug => "TryReserveError { kind: CapacityOverflow }".into(),
            Value::TryReserveError(Some(l)) if debug => {
                format!("TryReserveError {{ kind: AllocError {{ layout: {}, non_exhaustive: () }} }}", layout_debug(*l))
            }
            Value::TryReserveError(None) => "memory allocation failed because the computed capacity exceeded the collection's maximum".into(),
            Value::TryReserveError(Some(_)) => "memory allocation failed because the memory allocator returned an error".into(),
            Value::LayoutError if debug => "LayoutError".into(),
            Value::LayoutError => "invalid parameters to Layout::from_size_align".into(),
            Value::Ref(..) => "<reference>".into(),
        }
    }
}

/// `Layout`'s `Debug`, as std prints it: `Layout { size: 16, align: 4 (1 << 2) }`.
pub fn layout_debug(l: LayoutSpec) -> String {
    format!(
        "Layout {{ size: {}, align: {} (1 << {}) }}",
        l.size,
        l.align,
        l.align.trailing_zeros()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pushed_7u32_is_07_00_00_00() {
        let mut bytes = Vec::new();
        let u32_ = Ty::Int(IntTy::Fixed(false, 4));
        Value::Int(7, None).encode_with(&u32_, Target::Bits64, &mut bytes, &|_| vec![0x10]);
        assert_eq!(bytes, [7, 0, 0, 0]);
        assert_eq!(
            Value::decode(&bytes, &u32_, Target::Bits64),
            Value::Int(7, Some(IntTy::Fixed(false, 4)))
        );
    }

    #[test]
    fn negative_numbers_round_trip() {
        let i16_ = Ty::Int(IntTy::Fixed(true, 2));
        let mut bytes = Vec::new();
        Value::Int(-2, None).encode_with(&i16_, Target::Bits64, &mut bytes, &|_| vec![0x10]);
        assert_eq!(bytes, [0xfe, 0xff]);
        assert_eq!(
            Value::decode(&bytes, &i16_, Target::Bits64),
            Value::Int(-2, Some(IntTy::Fixed(true, 2)))
        );
    }
}
