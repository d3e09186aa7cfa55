//! `str::parse::<f64>()` and `::<f32>()`, and float literals: decimal text
//! to the nearest float, ties to even, exactly as core's `dec2flt` answers.
//!
//! core answers most inputs in a few instructions: small exact numbers
//! with one float multiplication, the rest with Eisel and Lemire's method,
//! which multiplies by a 128-bit power of five from a table of 651 of them.
//! That table alone is 10 KB of the wasm, and it does not compress (the
//! whole of `dec2flt`, for both widths, is 16 KB of the gzipped bundle). A
//! program here parses a few literals, so only the exact method core falls
//! back on for hard cases is kept: the number is held as its decimal
//! digits and scaled by powers of two, digit by digit, until it lies in
//! `[1/2, 1)`; then the significand's bits are its integer part after one
//! more shift, rounded by the digits left over.
//!
//! ```text
//!   "0.3"  →  0.3 · 10⁰
//!          ×2  0.6 · 10⁰                      in [1/2, 1): exponent −2
//!          ×2⁵³  5404319552844595.2           (53 bits: an f64's significand)
//!          rounds to 5404319552844595        (.2 is less than half)
//!          → 0x3FD3333333333333              (the leading 1 is implied)
//! ```
//!
//! The digits are kept to [`MAX_DIGITS`]; what is cut off only ever
//! matters to say the number is a little more than the digits kept
//! (`truncated`), which decides a tie. 800 digits are more than the 767
//! that the longest halfway point between two `f64`s has, so no input
//! rounds differently for the cut. Exponents saturate far past both
//! ends of the range (`1e99999999999` is infinite, as in core).
//!
//! The text is Rust's grammar for floats, not a literal's: an optional
//! sign, then `inf`, `infinity` or `nan` in any case, or digits with an
//! optional `.` (at least one digit on either side) and an optional
//! exponent (`e` or `E`, an optional sign, at least one digit). Nothing
//! else, not even spaces or `_` (a literal's underscores are taken out
//! before it comes here). The empty text is `Empty`; anything else wrong
//! is `Invalid`: `ParseFloatError`'s two kinds. The tests check every
//! answer against core's own parse, bit for bit.

/// How many significant digits are kept.
pub const MAX_DIGITS: usize = 800;

/// Why a text is not a float: `ParseFloatError`'s kinds, by their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatError {
    /// The text was empty.
    Empty,
    /// Anything else.
    Invalid,
}

impl FloatError {
    /// The kind's name, as `{:?}` of the error shows it.
    pub const fn name(self) -> &'static str {
        match self {
            FloatError::Empty => "Empty",
            FloatError::Invalid => "Invalid",
        }
    }
}

/// A float format: `f64` or `f32`.
struct Format {
    /// Stored significand bits (52 or 23).
    bits: u32,
    /// The exponent of the smallest normal value (−1022 or −126).
    min_exp: i64,
    /// The exponent of the largest finite value (1023 or 127).
    max_exp: i64,
}

const F64: Format = Format {
    bits: 52,
    min_exp: -1022,
    max_exp: 1023,
};

const F32: Format = Format {
    bits: 23,
    min_exp: -126,
    max_exp: 127,
};

/// `text.parse::<f64>()` (`wide`) or `text.parse::<f32>()`, the `f32`
/// widened to `f64` (every `f32` is one exactly).
pub fn parse_float(text: &str, wide: bool) -> Result<f64, FloatError> {
    if text.is_empty() {
        return Err(FloatError::Empty);
    }
    let (negative, rest) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if ["inf", "infinity"]
        .iter()
        .any(|s| rest.eq_ignore_ascii_case(s))
    {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        let decimal = Decimal::parse(rest.as_bytes()).ok_or(FloatError::Invalid)?;
        if wide {
            f64::from_bits(decimal.into_bits(&F64))
        } else {
            // The bits fit 32: `into_bits` never sets more for `F32`.
            f64::from(f32::from_bits(decimal.into_bits(&F32) as u32))
        }
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// A non-negative number as `0.d₁d₂d₃… · 10^point`, its first digit not
/// zero (no digits: zero).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Decimal {
    /// The significant digits, each 0 to 9, at most [`MAX_DIGITS`].
    digits: Vec<u8>,
    /// Where the decimal point is, in digits from the first.
    point: i64,
    /// Nonzero digits were cut off after the last one kept.
    truncated: bool,
}

/// An exponent's digits stop counting once it passes this, as core's do
/// (no number of digits can bring one that far back into range).
const EXPONENT_CAP: i64 = 0x10000;

impl Decimal {
    /// Digits, an optional fraction, an optional exponent, and nothing
    /// else; `None` if the text is not that.
    fn parse(text: &[u8]) -> Option<Decimal> {
        let mut decimal = Decimal::default();
        let mut i = 0;
        let mut seen_digit = false;
        let mut in_fraction = false;
        while let Some(&c) = text.get(i) {
            match c {
                b'0'..=b'9' => {
                    seen_digit = true;
                    if !in_fraction {
                        decimal.point += 1;
                    }
                    if c == b'0' && decimal.digits.is_empty() {
                        // A leading zero: only moves the point.
                        decimal.point -= 1;
                    } else {
                        decimal.push_digit(c - b'0');
                    }
                }
                b'.' if !in_fraction => in_fraction = true,
                _ => break,
            }
            i += 1;
        }
        if !seen_digit {
            return None;
        }
        if let Some(&(b'e' | b'E')) = text.get(i) {
            i += 1;
            let negative = match text.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let start = i;
            let mut exponent: i64 = 0;
            while let Some(&c @ b'0'..=b'9') = text.get(i) {
                if exponent < EXPONENT_CAP {
                    exponent = exponent * 10 + i64::from(c - b'0');
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            decimal.point += if negative { -exponent } else { exponent };
        }
        (i == text.len()).then(|| decimal.trimmed())
    }

    /// One more digit at the end, or the fact that a nonzero one was cut.
    fn push_digit(&mut self, digit: u8) {
        if self.digits.len() < MAX_DIGITS {
            self.digits.push(digit);
        } else if digit != 0 {
            self.truncated = true;
        }
    }

    /// Without trailing zeros (and with no point when zero).
    fn trimmed(mut self) -> Decimal {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.point = 0;
        }
        self
    }

    /// Multiplies by `2^shift` (`shift` at most 60): each digit times the
    /// power plus the carry from the right; the last carry's digits go in
    /// front.
    fn shift_left(&mut self, shift: u32) {
        let mut carry: u64 = 0;
        let mut reversed = Vec::with_capacity(self.digits.len() + 19);
        for &digit in self.digits.iter().rev() {
            let n = (u64::from(digit) << shift) + carry;
            reversed.push((n % 10) as u8);
            carry = n / 10;
        }
        while carry > 0 {
            reversed.push((carry % 10) as u8);
            carry /= 10;
            self.point += 1;
        }
        let truncated = self.truncated;
        *self = Decimal {
            digits: Vec::with_capacity(reversed.len()),
            point: self.point,
            truncated,
        };
        for digit in reversed.into_iter().rev() {
            self.push_digit(digit);
        }
        *self = std::mem::take(self).trimmed();
    }

    /// Divides by `2^shift` (`shift` at most 60): long division, reading
    /// digits (zeros past the end) until the first quotient digit shows.
    fn shift_right(&mut self, shift: u32) {
        let mask = (1u64 << shift) - 1;
        let mut read = 0;
        let mut n: u64 = 0;
        while n >> shift == 0 {
            if n == 0 && read >= self.digits.len() {
                return; // zero stays zero
            }
            n = n * 10 + u64::from(self.digits.get(read).copied().unwrap_or(0));
            read += 1;
        }
        let input = std::mem::take(&mut self.digits);
        self.point -= read as i64 - 1;
        loop {
            self.push_digit((n >> shift) as u8);
            n = (n & mask) * 10 + u64::from(input.get(read).copied().unwrap_or(0));
            read += 1;
            if n == 0 && read >= input.len() {
                break;
            }
            if self.digits.len() == MAX_DIGITS {
                self.truncated = true;
                break;
            }
        }
        *self = std::mem::take(self).trimmed();
    }

    /// The integer part, rounded half to even by the rest (the digits
    /// after the point, and whatever was cut off); at most 20 digits.
    fn rounded(&self) -> u64 {
        let whole = usize::try_from(self.point).unwrap_or(0);
        let mut n: u64 = 0;
        for i in 0..whole {
            n = n * 10 + u64::from(self.digits.get(i).copied().unwrap_or(0));
        }
        let Some(&next) = self.digits.get(whole).filter(|_| self.point >= 0) else {
            return n; // nothing after the point: exact
        };
        let more = self.truncated || self.digits[whole + 1..].iter().any(|&d| d != 0);
        let up = next > 5 || (next == 5 && (more || n % 2 == 1));
        n + u64::from(up)
    }

    /// The nearest float of `format`, as bits.
    fn into_bits(mut self, format: &Format) -> u64 {
        let infinity = ((format.max_exp + 1 - format.min_exp + 1) as u64) << format.bits;
        if self.digits.is_empty() || self.point < -400 {
            return 0;
        }
        if self.point > 400 {
            return infinity;
        }
        // Into [1/2, 1): `self · 2^exp2` is the number.
        let mut exp2: i64 = 0;
        while self.point > 0 {
            // 10^p < 8^p · 2^p: a shift of 3p keeps it above 1/16 or so.
            let shift = (3 * self.point).min(60) as u32;
            self.shift_right(shift);
            exp2 += i64::from(shift);
        }
        while self.point < 0 || self.digits[0] < 5 {
            // Below 10^p, so doubling 3|p| times stays below 1.
            let shift = (-3 * self.point).clamp(1, 60) as u32;
            self.shift_left(shift);
            exp2 -= i64::from(shift);
        }
        // As `1.f · 2^exp`: the exponent one less.
        let mut exp = exp2 - 1;
        if exp > format.max_exp {
            return infinity;
        }
        // Below the normal range: fewer significand bits (subnormal).
        while exp < format.min_exp {
            let shift = (format.min_exp - exp).min(60) as u32;
            self.shift_right(shift);
            exp += i64::from(shift);
        }
        self.shift_left(format.bits + 1);
        let mut significand = self.rounded();
        if significand >> (format.bits + 1) != 0 {
            // Rounded up to the next power of two.
            significand >>= 1;
            exp += 1;
            if exp > format.max_exp {
                return infinity;
            }
        }
        let hidden = 1u64 << format.bits;
        if significand < hidden {
            significand // subnormal (or zero): exponent field 0
        } else {
            let biased = (exp - format.min_exp + 1) as u64;
            (biased << format.bits) | (significand - hidden)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! Every answer against core's own `parse`, bit for bit.

    use super::*;
    use proptest::prelude::*;

    /// Ours and core's, for both widths: the same bits or the same error.
    fn check(text: &str) {
        for wide in [true, false] {
            let theirs = if wide {
                text.parse::<f64>().map_err(|e| format!("{e:?}"))
            } else {
                text.parse::<f32>()
                    .map(f64::from)
                    .map_err(|e| format!("{e:?}"))
            };
            let ours = parse_float(text, wide)
                .map_err(|e| format!("ParseFloatError {{ kind: {} }}", e.name()));
            let width = if wide { "f64" } else { "f32" };
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) if a.is_nan() && b.is_nan() => {}
                (Ok(a), Ok(b)) => {
                    assert_eq!(
                        a.to_bits(),
                        b.to_bits(),
                        "{width} of {text:?}: {a:e} vs {b:e}"
                    )
                }
                _ => assert_eq!(ours, theirs, "{width} of {text:?}"),
            }
        }
    }

    #[test]
    fn the_grammar_is_rusts() {
        for text in [
            "",
            "+",
            "-",
            ".",
            "e",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "+.5",
            "-.5",
            "5.",
            "1.e5",
            ".e1",
            "1..2",
            "1.2.3",
            " 1",
            "1 ",
            "1_0",
            "0x10",
            "1f32",
            "inf",
            "-inf",
            "+inf",
            "INF",
            "Infinity",
            "-infinity",
            "infinit",
            "infinityy",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "nan1",
            "in",
            "1e+5",
            "1E-5",
            "00012.500",
            "0.000",
            "-0",
            "-0.0e99",
            "0e99999999999",
            "1e-99999999",
            "1e99999999999999999999",
            "1e65536",
            "1e-65536",
            "١",
        ] {
            check(text);
        }
    }

    #[test]
    fn hard_cases_round_as_core_does() {
        for text in [
            "0.3",
            "0.1",
            "9007199254740993",
            "9007199254740992.0000000000000000000000000000000000001",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125000000000000000000000000000000000000000000000000000000000000000000000000000000000001e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "3.4028235e38",
            "3.4028236e38",
            "340282356779733661637539395458142568448",
            "1.4e-45",
            "7e-46",
            "7.00649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625e-46",
            "1.17549435e-38",
            "16777217",
            "33554435",
            "1.00000005960464477539062499",
            "1.000000059604644775390625",
            "1.00000005960464477539062501",
            "123456789012345678901234567890123456789012345678901234567890e-40",
        ] {
            check(text);
        }
        // More digits than are kept, with the deciding one far past them.
        let ones = "1".repeat(2000);
        check(&ones);
        check(&format!("0.{}", "0".repeat(1000)));
        check(&format!("1{}1e-1000", "0".repeat(1000)));
        check(&format!("9007199254740993{}", "0".repeat(900)));
        check(&format!("9007199254740993{}1e-900", "0".repeat(900)));
    }

    /// The exact decimal expansion of a finite `f64`, as `digits` with the
    /// point after `int` of them (an f64's expansion ends: at most 767
    /// significant digits, and `{:.1100e}` prints them all).
    fn expansion(x: f64) -> (Vec<u8>, i64) {
        let text = format!("{x:.1100e}");
        let (mantissa, exponent) = text.split_once('e').unwrap();
        let digits = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        (digits, exponent.parse::<i64>().unwrap() + 1)
    }

    /// The text of the number halfway between two adjacent positive
    /// `f64`s: both expansions aligned, added, halved.
    fn halfway(a: f64, b: f64) -> String {
        let ((da, pa), (db, pb)) = (expansion(a), expansion(b));
        let point = pa.max(pb);
        let aligned = |d: Vec<u8>, p: i64| {
            let mut v = vec![0u8; (point - p) as usize];
            v.extend(d);
            v.resize(1200, 0);
            v
        };
        let (da, db) = (aligned(da, pa), aligned(db, pb));
        let mut sum = vec![0u8; 1201];
        let mut carry = 0;
        for i in (0..1200).rev() {
            let s = da[i] + db[i] + carry;
            sum[i + 1] = s % 10;
            carry = s / 10;
        }
        sum[0] = carry;
        let mut rest = 0;
        let half: String = sum
            .iter()
            .map(|&d| {
                let n = rest * 10 + d;
                rest = n % 2;
                char::from(b'0' + n / 2)
            })
            .collect();
        format!("0.{half}e{}", point + 1)
    }

    #[test]
    fn halfway_points_tie_to_even_and_anything_past_breaks_the_tie() {
        let mut x = 1.0e-310_f64;
        while x.is_finite() {
            let next = f64::from_bits(x.to_bits() + 1);
            let mid = halfway(x, next);
            check(&mid);
            let (digits, exponent) = mid.split_once('e').unwrap();
            let digits = digits.trim_end_matches('0');
            // A hair past halfway, and short of it.
            check(&format!("{digits}1e{exponent}"));
            check(&format!("{}e{exponent}", &digits[..digits.len().min(40)]));
            x *= 1.0e7 + 0.123;
        }
    }

    proptest! {
        #[test]
        fn every_f64_prints_and_parses_back(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            for text in [format!("{x}"), format!("{x:e}"), format!("{x:.17e}"), format!("{x:.3e}")] {
                check(&text);
            }
            if x.is_finite() && x > 0.0 {
                let next = f64::from_bits(bits + 1);
                if next.is_finite() {
                    check(&halfway(x, next));
                }
            }
        }

        #[test]
        fn every_f32_prints_and_parses_back(bits in any::<u32>()) {
            let x = f32::from_bits(bits);
            for text in [format!("{x}"), format!("{x:e}"), format!("{x:.9e}")] {
                check(&text);
            }
            if x.is_finite() && x > 0.0 {
                // Halfway between two f32s is an f64 exactly.
                let mid = (f64::from(x) + f64::from(f32::from_bits(bits + 1))) / 2.0;
                check(&format!("{mid:.200e}"));
                check(&format!("{mid:.20e}"));
            }
        }

        #[test]
        fn texts_like_numbers_parse_as_core_parses_them(
            sign in "[+-]?",
            int in "[0-9]{0,25}",
            point in "[.]?",
            frac in "[0-9]{0,25}",
            exp in "([eE][+-]?[0-9]{1,3})?",
        ) {
            check(&format!("{sign}{int}{point}{frac}{exp}"));
        }

        #[test]
        fn any_text_is_a_float_or_an_error_as_in_core(text in "[-+.eE0-9infatyINFATY _x]{0,12}") {
            check(&text);
        }
    }
}
