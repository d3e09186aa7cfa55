//! Goals and questions: small expressions over the result of a run.
//!
//! An exercise's goals and a quiz's question are written in one line each,
//! in terms a learner already sees in the metrics table:
//!
//! ```text
//! peak_live <= 4096
//! allocations == 1 && reallocs == 0
//! outcome == abort
//! largest_free < 1024 && total_free >= 8192
//! strategy(first-fit).footprint < strategy(bump).footprint
//! call(2).addr                      (a quiz: the value is the answer)
//! ```
//!
//! A name is a metric of the run at its end (on the block's first strategy
//! unless `strategy(name).` says which), or a field of one call
//! (`call(n).addr`, counting from 1). Calls and their counts
//! (`allocations`, `live`, `peak_live`, `calls`, …) are the program's own:
//! the runtime's calls before `main`, stdout's buffer and a thread's
//! blocks are drawn and logged but not counted here, so a goal says what
//! the learner's code does; the heap's state (`footprint`, `total_free`,
//! `largest_free`, `slack`, fragmentation) is the whole heap's; `printed`
//! is the last line the program printed (a number when it reads as one);
//! `own_heap` is `yes` when the program's own allocator served it from
//! its own heap array (an exercise that has the learner write one asks
//! for it, so deleting the allocator solves nothing).
//! Words (`ok`, `abort`, `error`,
//! `alloc`, `realloc`, …) are the values of `outcome` and `call(n).op`;
//! `yes` and `no` are the values of a yes-or-no field such as
//! `call(n).failed`. Every mistake is reported with its column.

use std::fmt;

use alloc_sim::scenario::std_rules::dec2flt::parse_float;
use alloc_sim::StrategyKind;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A parsed goal or question, with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// What the lesson wrote.
    pub text: String,
    expr: Expr,
}

/// A goal is stored as its text, and read again when loaded.
impl Serialize for Goal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Goal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Goal, D::Error> {
        let text = String::deserialize(d)?;
        Goal::parse(&text).map_err(|e| de::Error::custom(format!("{text}: {}", e.message)))
    }
}

/// A mistake in a goal, at a column of its line (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalError {
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// A value a goal computes or compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A count, a size or a fraction.
    Number(f64),
    /// An address, shown in hex.
    Addr(u64),
    /// `ok`, `abort`, `alloc`, …
    Word(String),
    /// Yes or no.
    Bool(bool),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Value::Number(n) => write!(f, "{n:.3}"),
            Value::Addr(a) => write!(f, "{a:#x}"),
            Value::Word(w) => f.write_str(w),
            Value::Bool(true) => f.write_str("yes"),
            Value::Bool(false) => f.write_str("no"),
        }
    }
}

impl Value {
    /// Reads a quiz choice or a literal: a number (decimal, `0x` hex, `_`
    /// allowed), `yes`/`no`/`true`/`false`, or a word.
    pub fn parse(text: &str) -> Value {
        let t = text.trim();
        let digits = t.replace('_', "");
        if let Some(hex) = digits.strip_prefix("0x") {
            if let Ok(n) = u64::from_str_radix(hex, 16) {
                return Value::Addr(n);
            }
        }
        if let Ok(n) = parse_float(&digits, true) {
            return Value::Number(n);
        }
        match t {
            "yes" | "true" => Value::Bool(true),
            "no" | "false" => Value::Bool(false),
            _ => Value::Word(t.to_string()),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Addr(a) => Some(*a as f64),
            _ => None,
        }
    }

    /// Equality across numbers and addresses (`0x1010 == 4112`).
    pub fn same(&self, other: &Value) -> bool {
        match (self.number(), other.number()) {
            (Some(a), Some(b)) => a == b,
            _ => self == other,
        }
    }
}

/// Where a name is looked up: which strategy's run, which call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// `strategy(…)`, or the block's first strategy.
    pub strategy: Option<StrategyKind>,
    /// `call(n)`, counting from 1.
    pub call: Option<usize>,
    /// The metric or field.
    pub field: String,
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.strategy {
            write!(f, "strategy({s}).")?;
        }
        if let Some(n) = self.call {
            write!(f, "call({n}).")?;
        }
        f.write_str(&self.field)
    }
}

/// The run's facts a goal reads.
pub trait Facts {
    /// The value of `name`, or why it has none.
    fn value(&self, name: &Name) -> Result<Value, String>;
}

/// Metrics of a run that goals may name.
pub const METRICS: &[&str] = &[
    "live",
    "peak_live",
    "live_allocations",
    "footprint",
    "padding",
    "slack",
    "metadata",
    "stranded",
    "total_free",
    "largest_free",
    "allocations",
    "deallocations",
    "reallocs",
    "reallocs_in_place",
    "reallocs_moved",
    "failed",
    "misuses",
    "search_steps",
    "internal_fragmentation",
    "external_fragmentation",
    "peak_utilisation",
    "calls",
    "outcome",
    "leaks",
    "printed",
    "own_heap",
];

/// Fields of one call that goals may name.
pub const CALL_FIELDS: &[&str] = &["addr", "size", "align", "new_size", "failed", "op"];

/// Words a goal may compare with.
const WORDS: &[&str] = &[
    "ok",
    "abort",
    "error",
    "alloc",
    "alloc_zeroed",
    "realloc",
    "dealloc",
    "yes",
    "no",
];

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Term, Op, Term),
    Term(Term),
}

#[derive(Debug, Clone, PartialEq)]
enum Term {
    Literal(Value),
    Name(Name),
    /// `a + b` (`true`) or `a - b` (`false`), on numbers and addresses.
    Sum(Box<Term>, bool, Box<Term>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn holds(self, a: &Value, b: &Value) -> Option<bool> {
        if let (Some(x), Some(y)) = (a.number(), b.number()) {
            return Some(match self {
                Op::Eq => x == y,
                Op::Ne => x != y,
                Op::Lt => x < y,
                Op::Le => x <= y,
                Op::Gt => x > y,
                Op::Ge => x >= y,
            });
        }
        match self {
            Op::Eq => Some(a == b),
            Op::Ne => Some(a != b),
            _ => None,
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

type P<T> = Result<T, GoalError>;

impl Parser<'_> {
    fn fail<T>(&self, at: usize, message: impl Into<String>) -> P<T> {
        Err(GoalError {
            column: self.text[..at.min(self.text.len())].chars().count() + 1,
            message: message.into(),
        })
    }

    fn skip_space(&mut self) {
        while self.text[self.at..].starts_with([' ', '\t']) {
            self.at += 1;
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        if self.text[self.at..].starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> P<Expr> {
        let mut left = self.and()?;
        while self.eat("||") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> P<Expr> {
        let mut left = self.not()?;
        while self.eat("&&") {
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> P<Expr> {
        if self.eat("(") {
            let inner = self.or()?;
            if !self.eat(")") {
                return self.fail(self.at, "expected `)`");
            }
            return Ok(inner);
        }
        if self.text[self.at..].trim_start().starts_with("!=") {
            return self.fail(self.at, "expected a value before `!=`");
        }
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        let left = self.sum()?;
        let op = [
            ("==", Op::Eq),
            ("!=", Op::Ne),
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("<", Op::Lt),
            (">", Op::Gt),
        ]
        .into_iter()
        .find(|(t, _)| self.eat(t));
        match op {
            Some((_, op)) => Ok(Expr::Compare(left, op, self.sum()?)),
            None => Ok(Expr::Term(left)),
        }
    }

    fn sum(&mut self) -> P<Term> {
        let mut left = self.term()?;
        loop {
            let plus = if self.eat("+") {
                true
            } else if self.eat("-") {
                false
            } else {
                return Ok(left);
            };
            left = Term::Sum(Box::new(left), plus, Box::new(self.term()?));
        }
    }

    fn word(&mut self) -> (usize, String) {
        self.skip_space();
        let start = self.at;
        let rest = &self.text[start..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.at += len;
        (start, self.text[start..start + len].to_string())
    }

    fn argument(&mut self) -> P<(usize, String)> {
        if !self.eat("(") {
            return self.fail(self.at, "expected `(`");
        }
        self.skip_space();
        let start = self.at;
        let Some(len) = self.text[start..].find(')') else {
            return self.fail(start, "expected `)`");
        };
        self.at += len + 1;
        Ok((start, self.text[start..start + len].trim().to_string()))
    }

    fn term(&mut self) -> P<Term> {
        let (start, word) = self.word();
        if word.is_empty() {
            return self.fail(start, "expected a number, a word or a name");
        }
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            return match Value::parse(&word) {
                Value::Word(_) => self.fail(start, format!("`{word}` is not a number")),
                v => Ok(Term::Literal(v)),
            };
        }
        let mut name = Name {
            strategy: None,
            call: None,
            field: String::new(),
        };
        let mut word = word;
        let mut at = start;
        if word == "strategy" {
            let (arg_at, arg) = self.argument()?;
            match StrategyKind::from_name(&arg) {
                Some(kind) => name.strategy = Some(kind),
                None => return self.fail(arg_at, format!("no strategy is called `{arg}`")),
            }
            (at, word) = self.field()?;
        }
        if word == "call" {
            let (arg_at, arg) = self.argument()?;
            match arg.parse::<usize>() {
                Ok(n) if n >= 1 => name.call = Some(n),
                _ => return self.fail(arg_at, "calls count from 1: `call(1)` is the first"),
            }
            (at, word) = self.field()?;
            if !CALL_FIELDS.contains(&word.as_str()) {
                return self.fail(
                    at,
                    format!("a call has no `{word}`; it has {}", CALL_FIELDS.join(", ")),
                );
            }
        } else if METRICS.contains(&word.as_str()) {
        } else if name.strategy.is_none() && WORDS.contains(&word.as_str()) {
            return Ok(Term::Literal(Value::parse(&word)));
        } else {
            return self.fail(
                at,
                format!(
                    "unknown name `{word}`; goals can use {}",
                    METRICS.join(", ")
                ),
            );
        }
        name.field = word;
        Ok(Term::Name(name))
    }

    fn field(&mut self) -> P<(usize, String)> {
        if !self.eat(".") {
            return self.fail(self.at, "expected `.` and a name");
        }
        Ok(self.word())
    }
}

impl Goal {
    /// Parses one goal or question.
    pub fn parse(text: &str) -> Result<Goal, GoalError> {
        let mut p = Parser { text, at: 0 };
        let expr = p.or()?;
        p.skip_space();
        if p.at < text.len() {
            return p.fail(p.at, format!("unexpected `{}`", &text[p.at..]));
        }
        Ok(Goal {
            text: text.trim().to_string(),
            expr,
        })
    }

    /// Whether the goal asks how a run ends (`outcome == abort`): only then
    /// may a run that did not end normally meet it.
    pub fn asks_outcome(&self) -> bool {
        let mut asks = false;
        self.expr.names(&mut |n| asks |= n.field == "outcome");
        asks
    }

    /// The calls the goal names with `call(n)`, the earliest first.
    pub fn calls(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.expr.names(&mut |n| out.extend(n.call));
        alloc_sim::stable_sort::sort(&mut out);
        out.dedup();
        out
    }

    /// The strategies the goal names with `strategy(…)`.
    pub fn strategies(&self) -> Vec<StrategyKind> {
        let mut out = Vec::new();
        self.expr.names(&mut |n| {
            if let Some(s) = n.strategy {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        });
        out
    }

    /// The value of a goal that is a single name (a quiz's question).
    pub fn value(&self, facts: &dyn Facts) -> Result<Value, String> {
        match &self.expr {
            Expr::Term(t) => t.value(facts),
            other => other.holds(facts, &mut Vec::new()).map(Value::Bool),
        }
    }

    /// Whether the goal holds, and what each name it reads was, for the
    /// learner: `["peak_live is 96"]`.
    pub fn check(&self, facts: &dyn Facts) -> Result<(bool, Vec<String>), String> {
        let mut seen = Vec::new();
        let holds = self.expr.holds(facts, &mut seen)?;
        Ok((holds, seen))
    }
}

impl Expr {
    fn names(&self, f: &mut dyn FnMut(&Name)) {
        match self {
            Expr::Or(a, b) | Expr::And(a, b) => {
                a.names(f);
                b.names(f);
            }
            Expr::Not(a) => a.names(f),
            Expr::Compare(a, _, b) => {
                a.names(f);
                b.names(f);
            }
            Expr::Term(t) => t.names(f),
        }
    }

    fn holds(&self, facts: &dyn Facts, seen: &mut Vec<String>) -> Result<bool, String> {
        Ok(match self {
            // Short-circuit, as Rust does: `call(2).op == realloc &&
            // call(2).new_size == 12` reads no size from a call that has none.
            Expr::Or(a, b) => a.holds(facts, seen)? || b.holds(facts, seen)?,
            Expr::And(a, b) => a.holds(facts, seen)? && b.holds(facts, seen)?,
            Expr::Not(a) => !a.holds(facts, seen)?,
            Expr::Compare(a, op, b) => {
                let (x, y) = (a.seen(facts, seen)?, b.seen(facts, seen)?);
                op.holds(&x, &y)
                    .ok_or_else(|| format!("`{x}` and `{y}` cannot be ordered"))?
            }
            Expr::Term(t) => match t.seen(facts, seen)? {
                Value::Bool(b) => b,
                other => return Err(format!("`{other}` is not yes or no")),
            },
        })
    }
}

impl Term {
    fn names(&self, f: &mut dyn FnMut(&Name)) {
        match self {
            Term::Name(n) => f(n),
            Term::Sum(a, _, b) => {
                a.names(f);
                b.names(f);
            }
            Term::Literal(_) => {}
        }
    }

    fn value(&self, facts: &dyn Facts) -> Result<Value, String> {
        self.seen(facts, &mut Vec::new())
    }

    fn seen(&self, facts: &dyn Facts, seen: &mut Vec<String>) -> Result<Value, String> {
        let v = match self {
            Term::Literal(v) => return Ok(v.clone()),
            Term::Sum(a, plus, b) => {
                let (x, y) = (a.seen(facts, seen)?, b.seen(facts, seen)?);
                let (Some(m), Some(n)) = (x.number(), y.number()) else {
                    return Err(format!("`{x}` and `{y}` cannot be added or subtracted"));
                };
                let result = if *plus { m + n } else { m - n };
                return Ok(match (&x, &y, plus) {
                    (Value::Addr(_), Value::Number(_), _) if result >= 0.0 => {
                        Value::Addr(result as u64)
                    }
                    _ => Value::Number(result),
                });
            }
            Term::Name(n) => (n, facts.value(n)?),
        };
        let (name, value) = v;
        let line = format!("{name} is {value}");
        if !seen.contains(&line) {
            seen.push(line);
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Table(Vec<(&'static str, Value)>);

    impl Facts for Table {
        fn value(&self, name: &Name) -> Result<Value, String> {
            let key = name.to_string();
            self.0
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| format!("no {key}"))
        }
    }

    fn facts() -> Table {
        Table(vec![
            ("peak_live", Value::Number(96.0)),
            ("allocations", Value::Number(1.0)),
            ("reallocs", Value::Number(0.0)),
            ("outcome", Value::Word("abort".into())),
            ("largest_free", Value::Number(512.0)),
            ("total_free", Value::Number(9000.0)),
            ("strategy(first-fit).footprint", Value::Number(128.0)),
            ("strategy(bump).footprint", Value::Number(4096.0)),
            ("call(2).addr", Value::Addr(0x1010)),
            ("call(3).failed", Value::Bool(true)),
        ])
    }

    fn holds(text: &str) -> bool {
        Goal::parse(text).unwrap().check(&facts()).unwrap().0
    }

    #[test]
    fn the_goals_of_the_issue_read_and_hold() {
        assert!(holds("peak_live <= 4096"));
        assert!(holds("allocations == 1 && reallocs == 0"));
        assert!(holds("outcome == abort"));
        assert!(!holds("outcome == ok"));
        assert!(holds("largest_free < 1024 && total_free >= 8192"));
        assert!(holds(
            "strategy(first-fit).footprint < strategy(bump).footprint"
        ));
        assert!(holds("call(3).failed"));
        assert!(holds("!(peak_live > 100) || outcome != abort"));
        assert!(holds("call(2).addr == 0x1010 && call(2).addr == 4112"));
        assert!(holds(
            "call(2).addr - 0x1000 == 16 && call(2).addr + 16 == 0x1020"
        ));
        assert!(holds(
            "strategy(bump).footprint - strategy(first-fit).footprint > 3000"
        ));
    }

    #[test]
    fn checking_says_what_each_name_was() {
        let goal = Goal::parse("peak_live <= 64 || allocations == 1").unwrap();
        let (ok, seen) = goal.check(&facts()).unwrap();
        assert!(ok);
        assert_eq!(seen, vec!["peak_live is 96", "allocations is 1"]);
        // `&&` stops at the first goal that fails, as in Rust.
        let (ok, seen) = Goal::parse("peak_live <= 64 && allocations == 1")
            .unwrap()
            .check(&facts())
            .unwrap();
        assert!(!ok);
        assert_eq!(seen, vec!["peak_live is 96"]);
    }

    #[test]
    fn a_question_is_worth_its_value() {
        let q = Goal::parse("call(2).addr").unwrap();
        assert_eq!(q.value(&facts()).unwrap(), Value::Addr(0x1010));
        assert!(Value::parse("0x1010").same(&Value::Number(4112.0)));
        assert_eq!(Value::parse(" yes "), Value::Bool(true));
        assert_eq!(Value::parse("abort"), Value::Word("abort".into()));
        assert_eq!(Value::Addr(0x1010).to_string(), "0x1010");
        assert_eq!(Value::Number(0.25).to_string(), "0.250");
    }

    #[test]
    fn the_strategies_a_goal_names_are_listed_once() {
        let g = Goal::parse(
            "strategy(bump).footprint > strategy(jemalloc).footprint && strategy(bump).failed == 0",
        )
        .unwrap();
        assert_eq!(
            g.strategies(),
            vec![StrategyKind::Bump, StrategyKind::Jemalloc]
        );
    }

    #[test]
    fn mistakes_say_where() {
        let at = |text: &str| Goal::parse(text).unwrap_err();
        assert_eq!(at("peek_live <= 4").column, 1);
        assert!(at("peek_live <= 4")
            .message
            .contains("unknown name `peek_live`"));
        assert_eq!(at("peak_live <= ").column, 14);
        assert_eq!(at("strategy(firstfit).footprint").column, 10);
        assert_eq!(at("call(0).addr").column, 6);
        assert!(at("call(1).colour").message.contains("has no `colour`"));
        assert_eq!(at("(peak_live < 3").column, 15);
        assert_eq!(at("peak_live < 3 3").column, 15);
        assert_eq!(at("").column, 1);
    }

    #[test]
    fn ordering_words_is_an_error_not_a_panic() {
        let g = Goal::parse("outcome < 3").unwrap();
        assert!(g.check(&facts()).is_err());
        let g = Goal::parse("peak_live").unwrap();
        assert!(g.check(&facts()).is_err());
    }
}
