//! Methods on plain values and format specs, as scenarios run them,
//! checked against Rust itself: each program below is run by the
//! interpreter, and the same code is compiled into this test, so every
//! expected line is what real Rust prints (nothing is typed in by hand).
#![cfg(not(target_arch = "wasm32"))]
// The programs do on purpose what clippy warns of: they exercise Rust.
#![allow(
    clippy::unnecessary_literal_unwrap,
    clippy::bool_to_int_with_if,
    clippy::zero_divided_by_zero,
    clippy::is_digit_ascii_radix,
    clippy::const_is_empty,
    clippy::clone_on_copy,
    clippy::approx_constant
)]

#[macro_use]
mod support;
use support::*;

use alloc_sim::scenario::{CallOp, Outcome};

#[test]
fn str_slices_compare_by_their_text() {
    // `==` of two `&str`s once stopped the run ("cannot be compared").
    check!({ let t = "+"; let w = "abc"; }
        "{}" => t == "+",
        "{}" => t != "-",
        "{}" => w == "abc",
        "{}" => w == "ab",
        "{}" => w < "abd",
        "{}" => "b" > w,
    );
}

#[test]
fn wrapping_checked_saturating_overflowing() {
    check!({ let x: u8 = 250; let y: i32 = i32::MIN; let z: i8 = -128; }
        "{}" => x.wrapping_add(10),
        "{}" => x.wrapping_sub(251),
        "{}" => x.wrapping_mul(3),
        "{}" => y.wrapping_neg(),
        "{}" => z.wrapping_abs(),
        "{}" => z.wrapping_div(-1),
        "{}" => z.wrapping_rem(-1),
        "{}" => x.wrapping_shl(9),
        "{}" => z.wrapping_shr(33),
        "{}" => 3u8.wrapping_pow(7),
        "{:?}" => x.checked_add(10),
        "{:?}" => x.checked_add(5),
        "{:?}" => x.checked_sub(251),
        "{:?}" => x.checked_mul(2),
        "{:?}" => 10i32.checked_div(0),
        "{:?}" => y.checked_div(-1),
        "{:?}" => y.checked_rem(-1),
        "{:?}" => 7i32.checked_rem(3),
        "{:?}" => z.checked_neg(),
        "{:?}" => 0u8.checked_neg(),
        "{:?}" => 3u8.checked_pow(5),
        "{:?}" => 3u8.checked_pow(6),
        "{:?}" => 1u8.checked_shl(8),
        "{:?}" => 1u8.checked_shl(7),
        "{:?}" => z.checked_abs(),
        "{}" => x.saturating_add(10),
        "{}" => 5u8.saturating_sub(6),
        "{}" => y.saturating_sub(1),
        "{}" => z.saturating_mul(2),
        "{}" => z.saturating_mul(-2),
        "{}" => (-3i8).saturating_pow(5),
        "{}" => z.saturating_neg(),
        "{}" => z.saturating_div(-1),
        "{:?}" => 200u8.overflowing_mul(2),
        "{:?}" => x.overflowing_add(5),
        "{:?}" => y.overflowing_sub(1),
        "{:?}" => z.overflowing_neg(),
        "{:?}" => 1u32.overflowing_shl(33),
        "{:?}" => 2i16.overflowing_pow(15),
    );
}

#[test]
fn arithmetic_and_bit_methods() {
    check!({ let a: i32 = -17; let b: u16 = 0b1011_0000; let w: u64 = 40; }
        "{}" => a.abs(),
        "{}" => a.signum(),
        "{}" => a.pow(3),
        "{}" => a.min(3),
        "{}" => a.max(3),
        "{}" => a.clamp(-10, 10),
        "{}" => a.rem_euclid(5),
        "{}" => a.div_euclid(5),
        "{}" => a.unsigned_abs(),
        "{}" => a.abs_diff(20),
        "{}" => a.is_negative(),
        "{}" => a.is_positive(),
        "{}" => b.count_ones(),
        "{}" => b.count_zeros(),
        "{}" => b.leading_zeros(),
        "{}" => b.trailing_zeros(),
        "{}" => b.leading_ones(),
        "{}" => 0xffu8.trailing_ones(),
        "{}" => a.count_ones(),
        "{}" => a.leading_zeros(),
        "{}" => b.rotate_left(5),
        "{}" => b.rotate_right(5),
        "{}" => a.rotate_left(40),
        "{}" => b.swap_bytes(),
        "{}" => a.swap_bytes(),
        "{}" => b.to_be(),
        "{}" => b.to_le(),
        "{}" => b.reverse_bits(),
        "{}" => w.is_power_of_two(),
        "{}" => 64u64.is_power_of_two(),
        "{}" => w.next_power_of_two(),
        "{}" => 0u32.next_power_of_two(),
        "{:?}" => 200u8.checked_next_power_of_two(),
        "{}" => w.isqrt(),
        "{:?}" => a.checked_isqrt(),
        "{}" => w.ilog2(),
        "{}" => w.ilog10(),
        "{}" => w.ilog(3),
        "{:?}" => 0u8.checked_ilog2(),
        "{}" => w.div_ceil(7),
        "{}" => w.is_multiple_of(8),
        "{}" => 0u64.is_multiple_of(0),
        "{}" => 0b1011_0110u32.count_ones(),
        "{}" => i64::MAX.count_ones(),
        "{}" => 7usize.trailing_zeros(),
    );
    // An unsuffixed literal takes the type its argument gives it.
    check!({ let t: u8 = 5; }
        "{}" => t.max(200),
        "{}" => 100.max(t),
    );
}

#[test]
fn u8_ascii_methods() {
    check!({ let b: u8 = 113; let d: u8 = 55; }
        "{}" => b.is_ascii_alphabetic(),
        "{}" => b.is_ascii_digit(),
        "{}" => d.is_ascii_digit(),
        "{}" => b.is_ascii_uppercase(),
        "{}" => b.to_ascii_uppercase(),
        "{}" => d.to_ascii_lowercase(),
        "{}" => b.eq_ignore_ascii_case(&81),
        "{}" => 32u8.is_ascii_whitespace(),
        "{}" => 33u8.is_ascii_punctuation(),
    );
}

#[test]
fn float_methods() {
    check!({ let x: f64 = 2.0; let y: f64 = -3.75; let h: f32 = 2.0; let n: f64 = 0.0 / 0.0; }
        "{}" => x.sqrt(),
        "{}" => h.sqrt(),
        "{}" => y.abs(),
        "{}" => y.floor(),
        "{}" => y.ceil(),
        "{}" => y.round(),
        "{}" => 2.5f64.round(),
        "{}" => y.trunc(),
        "{}" => y.fract(),
        "{}" => x.powi(10),
        "{}" => x.min(y),
        "{}" => x.max(y),
        "{}" => n.max(1.0),
        "{}" => n.is_nan(),
        "{}" => x.is_nan(),
        "{}" => y.signum(),
        "{}" => y.clamp(-1.0, 1.0),
        "{}" => x.recip(),
        "{}" => y.is_sign_negative(),
        "{}" => (1.0f64 / 0.0).is_finite(),
        "{:?}" => x.sqrt(),
        "{:?}" => h.sqrt(),
    );
}

#[test]
fn char_bool_and_str_methods() {
    check!({ let c: char = 'G'; let d: char = '7'; let e: char = 'é'; }
        "{}" => c.is_alphabetic(),
        "{}" => d.is_numeric(),
        "{}" => c.is_alphanumeric(),
        "{}" => ' '.is_whitespace(),
        "{}" => c.is_uppercase(),
        "{}" => c.is_lowercase(),
        "{}" => d.is_ascii_digit(),
        "{}" => c.is_ascii_alphabetic(),
        "{}" => ','.is_ascii_punctuation(),
        "{}" => c.to_ascii_lowercase(),
        "{}" => e.to_ascii_uppercase(),
        "{:?}" => d.to_digit(10),
        "{:?}" => c.to_digit(10),
        "{:?}" => c.to_digit(36),
        "{}" => 'f'.is_digit(16),
        "{}" => e.len_utf8(),
        "{}" => c.eq_ignore_ascii_case(&'g'),
        "{:?}" => true.then_some(5),
        "{:?}" => false.then_some(5),
    );
    check!({ let s = "  name = allocscope ; version = 3  "; let t = "héllo"; }
        "{}" => s.len(),
        "{}" => t.len(),
        "{}" => "".is_empty(),
        "[{}]" => s.trim(),
        "[{}]" => s.trim_start(),
        "[{}]" => s.trim_end(),
        "{}" => s.contains("scope"),
        "{}" => s.contains('='),
        "{}" => t.starts_with("hé"),
        "{}" => t.ends_with('o'),
        "{:?}" => s.find("ver"),
        "{:?}" => t.find('l'),
        "{:?}" => t.rfind('l'),
        "{:?}" => t.find("xyz"),
        "{:?}" => s.find(['=', ';']),
        "{:?}" => t.strip_prefix("hé"),
        "{:?}" => t.strip_suffix("x"),
        "{}" => "xxabxx".trim_matches('x'),
        "{}" => "xxabxx".trim_start_matches("xx"),
        "{}" => "HeLLo".eq_ignore_ascii_case("hello"),
        "{:?}" => "hi".as_bytes(),
        "{}" => t.is_char_boundary(2),
        "{}" => t.is_ascii(),
    );
}

#[test]
fn arrays_options_and_results() {
    check!({ let a: [u32; 4] = [3, 1, 4, 1]; let o: Option<u8> = Some(3); let r: Result<i32, i32> = Err(7); }
        "{}" => a.len(),
        "{}" => a.is_empty(),
        "{}" => a.contains(&4),
        "{}" => a.contains(&5),
        "{:?}" => a.first(),
        "{:?}" => a.last(),
        "{:?}" => a.get(9),
        "{}" => o.unwrap_or(0),
        "{:?}" => o.ok_or(9),
        "{:?}" => o.or(Some(4)),
        "{:?}" => o.xor(Some(4)),
        "{:?}" => r.err(),
        "{:?}" => r.ok(),
        "{}" => r.unwrap_or(1),
        "{}" => r.unwrap_err(),
        "{}" => o.expect("present"),
        "{}" => a.clone()[2],
    );
}

#[test]
fn parse_gives_what_rust_gives() {
    check!({ let n = "42"; let bad = "4x2"; let big = "300"; }
        "{:?}" => n.parse::<i32>(),
        "{:?}" => "-7".parse::<i64>(),
        "{:?}" => "+5".parse::<u8>(),
        "{:?}" => bad.parse::<i32>(),
        "{:?}" => big.parse::<u8>(),
        "{:?}" => "-300".parse::<i8>(),
        "{:?}" => "".parse::<u32>(),
        "{:?}" => " 9".parse::<i32>(),
        "{:?}" => "3.5".parse::<f64>(),
        "{:?}" => "abc".parse::<f64>(),
        "{:?}" => "".parse::<f32>(),
        "{:?}" => "1e3".parse::<f64>(),
        "{:?}" => "true".parse::<bool>(),
        "{:?}" => "yes".parse::<bool>(),
        "{:?}" => "x".parse::<char>(),
        "{:?}" => "xy".parse::<char>(),
        "{:#?}" => bad.parse::<i32>(),
    );
    // Each error's `Display`, padded as a `str` is.
    check!({ let e = "4x2".parse::<i32>().unwrap_err(); let f = "".parse::<f64>().unwrap_err(); let g = "no".parse::<bool>().unwrap_err(); let h = "ab".parse::<char>().unwrap_err(); }
        "{}" => e,
        "[{:>40}]" => e,
        "{}" => f,
        "{}" => g,
        "{}" => h,
    );
    // The corpus's parse loop, without its `for`.
    let source = r#"fn main() {
    let mut total = 0;
    match "abc".parse::<i32>() {
        Ok(n) => total += n,
        Err(e) => println!("{:?} -> error: {}", "abc", e),
    }
    match "-7".parse::<i32>() {
        Ok(n) => {
            total += n;
            println!("{:?} -> {}", "-7", n);
        }
        Err(e) => println!("{:?} -> error: {}", "-7", e),
    }
    println!("total {}", total);
}"#;
    let e = "abc".parse::<i32>().unwrap_err();
    assert_eq!(
        printed(source),
        [
            format!("{:?} -> error: {}", "abc", e),
            format!("{:?} -> {}", "-7", -7),
            format!("total {}", -7),
        ]
    );
}

#[test]
fn integer_overflow_panics_as_a_debug_build_does() {
    use std::hint::black_box as b;
    panics_as("let x: u8 = 10; let y = x.pow(3);", || {
        b(b(10u8).pow(3));
    });
    panics_as("let x: i8 = -128; let y = x.abs();", || {
        b(b(-128i8).abs());
    });
    panics_as("let x: u8 = 200; let y = x.next_power_of_two();", || {
        b(b(200u8).next_power_of_two());
    });
    panics_as("let x: i8 = -128; let y = x.div_euclid(-1);", || {
        b(b(-128i8).div_euclid(-1));
    });
    panics_as("let x: i8 = -128; let y = x.rem_euclid(-1);", || {
        b(b(-128i8).rem_euclid(-1));
    });
    panics_as("let x: i32 = 5; let y = x.rem_euclid(0);", || {
        b(b(5i32).rem_euclid(0));
    });
    panics_as("let x: i32 = 5; let y = x.div_euclid(0);", || {
        b(b(5i32).div_euclid(0));
    });
    panics_as("let x: u8 = 5; let y = x.wrapping_div(0);", || {
        b(b(5u8).wrapping_div(0));
    });
    panics_as("let x: i32 = -4; let y = x.isqrt();", || {
        b(b(-4i32).isqrt());
    });
    panics_as("let x: u32 = 0; let y = x.ilog2();", || {
        b(b(0u32).ilog2());
    });
    panics_as("let x: u32 = 5; let y = x.ilog(1);", || {
        b(b(5u32).ilog(1));
    });
    panics_as("let x: i32 = 5; let y = x.clamp(3, 1);", || {
        b(b(5i32).clamp(3, 1));
    });
    panics_as("let x: f64 = 5.0; let y = x.clamp(3.0, 1.0);", || {
        b(b(5.0f64).clamp(3.0, 1.0));
    });
    panics_as("let c = 'a'; let d = c.to_digit(37);", || {
        b(b('a').to_digit(37));
    });
    panics_as(
        "let o: Option<i32> = None; let v = o.expect(\"boom\");",
        || {
            b(b(None::<i32>).expect("boom"));
        },
    );
    panics_as(
        "let r: Result<i32, i32> = Ok(3); let v = r.unwrap_err();",
        || {
            b(b(Ok::<i32, i32>(3)).unwrap_err());
        },
    );
    panics_as(
        "let r: Result<(i32, char), i32> = Ok((3, 'x')); let v = r.expect_err(\"hm\");",
        || {
            b(b(Ok::<(i32, char), i32>((3, 'x'))).expect_err("hm"));
        },
    );
    assert!(
        stops_with("fn main() { let x: u8 = 200; let y = x.pow(2); }")
            .starts_with("panicked: attempt to multiply with overflow")
    );
}

#[test]
fn methods_rust_does_not_have_are_refused() {
    for body in [
        "let x: u8 = 5; let y = x.abs();",
        "let x: i32 = 5; let y = x.is_power_of_two();",
        "let x: i32 = 5; let y = x.is_ascii_digit();",
        "let x: u8 = 5; let y = x.frobnicate();",
        "let x: u8 = 5; let y = x.wrapping_add(1, 2);",
        "let x: u8 = 5; let y: u16 = 1; let z = x.wrapping_add(y);",
        "let s = \"5\"; let n = s.parse();",
        "let s = \"5\"; let n = s.contains(5);",
    ] {
        let source = format!("fn main() {{ {body} }}");
        let message = stops_with(&source);
        assert!(!message.starts_with("panicked"), "{source}: {message}");
    }
}

#[test]
fn width_fill_alignment_and_sign() {
    check!({ let n: i32 = 42; let m: i32 = -42; let s = "ab"; let c = 'x'; let t = true; }
        "[{:5}]" => n,
        "[{:<5}]" => n,
        "[{:>5}]" => s,
        "[{:^5}]" => s,
        "[{:*^9}]" => n,
        "[{:05}]" => m,
        "[{:+}]" => n,
        "[{:+05}]" => n,
        "[{:<05}]" => n,
        "[{:3}]" => c,
        "[{:>6}]" => t,
        "[{:.1}]" => s,
        "[{:^7.1}]" => "hello",
        "[{:-^4}]" => "",
        "[{:é>4}]" => n,
    );
}

#[test]
fn precision_and_float_display() {
    check!({ let pi: f64 = 3.14159; let h: f32 = 0.1; let big: f64 = 1e21; let tiny: f64 = 1e-7; }
        "{:.3}" => pi,
        "[{:8.3}]" => pi,
        "[{:<8.2}]" => -pi,
        "{:.0}" => 2.5f64,
        "{:.0}" => 3.5f64,
        "{:+.1}" => pi,
        "[{:08.2}]" => -pi,
        "{}" => h,
        "{:?}" => h,
        "{}" => big,
        "{:?}" => big,
        "{}" => tiny,
        "{:?}" => tiny,
        "{}" => 1.0f64,
        "{:?}" => 1.0f64,
        "{}" => -0.0f64,
        "{}" => 0.1f64 + 0.2,
        "{}" => 0.0f64 / 0.0,
        "[{:>6}]" => 1.0f64 / 0.0,
        "[{:+08}]" => -1.0f64 / 0.0,
        "{}" => 1e15f64,
        "{:?}" => 1e16f64,
    );
}

#[test]
fn radixes() {
    check!({ let a: u8 = 0b1010_1100; let m: i8 = -1; let w: i32 = -3; let big: u64 = 0xdead_beef; }
        "{:08b}" => a,
        "{:#x}" => 255u32,
        "{:x}" => m,
        "{:X}" => w,
        "{:o}" => a,
        "{:#o}" => a,
        "{:b}" => 5,
        "{:#b}" => 5u8,
        "{:#010x}" => 255,
        "{:#010b}" => m,
        "{:#X}" => big,
        "{:x}" => -1i64,
        "{:x}" => -1isize,
        "{:>#8x}" => 255u16,
        "{:x?}" => [255u8, 16],
        "{:#X?}" => (255u8,),
    );
}

#[test]
fn positional_named_and_captured_arguments() {
    let source = r#"fn main() {
    let x: i32 = 7;
    let name = "ab";
    let width: usize = 6;
    let p: usize = 2;
    let v: f64 = 1.23456;
    println!("{0} {1} {0}", x, name);
    println!("{x} and {name}");
    println!("[{:>width$}]", x);
    println!("[{:>1$}]", x, width);
    println!("[{:.*}]", 3, v);
    println!("[{x:^width$.p$}] [{v:^width$.p$}]");
    println!("{a}-{b:>4}-{a}", a = 1, b = "z");
    println!("{{{}}} }}{{", 5);
    println!("[{:.*}] [{:w$.p$}]", 2, v, v, w = 9, p = 3);
    println!("{:?} {:#?}", (1, "a"), ());
    println!("{} {}", "lit", 5);
}"#;
    let x: i32 = 7;
    let name = "ab";
    let width: usize = 6;
    let p: usize = 2;
    let v: f64 = 1.23456;
    let expected = [
        format!("{0} {1} {0}", x, name),
        format!("{x} and {name}"),
        format!("[{:>width$}]", x),
        format!("[{:>1$}]", x, width),
        format!("[{:.*}]", 3, v),
        format!("[{x:^width$.p$}] [{v:^width$.p$}]"),
        format!("{a}-{b:>4}-{a}", a = 1, b = "z"),
        format!("{{{}}} }}{{", 5),
        format!("[{:.*}] [{:w$.p$}]", 2, v, v, w = 9, p = 3),
        format!("{:?} {:#?}", (1, "a"), ()),
        format!("{} {}", "lit", 5),
    ];
    assert_eq!(printed(source), expected);
}

#[test]
fn debug_and_pretty_debug() {
    check!({ let t: (i32, char, [u8; 2]) = (1, 'c', [4, 5]); let o: Option<(i32, bool)> = Some((2, true)); let r: Result<i32, i32> = Ok(3); }
        "{:?}" => t,
        "{:#?}" => t,
        "{:?}" => o,
        "{:#?}" => o,
        "{:#?}" => r,
        "{:?}" => (1,),
        "{:#?}" => (1,),
        "{:?}" => "quote \" and tab \t",
        "{:?}" => '\'',
        "{:?}" => [[1, 2], [3, 4]],
        "{:#?}" => [[1, 2], [3, 4]],
        "{:5?}" => t,
        "{:.1?}" => (1.25f64, 2.0f32),
        "{:?}" => (),
    );
    // Structs, and heap owners shown by what they hold.
    let source = r#"#[derive(Debug)]
struct P {
    x: i32,
    y: (u8, char),
}
fn main() {
    let p = P { x: -3, y: (9, 'z') };
    println!("{:?}", p);
    println!("{:#?}", p);
    let s = String::from("hi");
    println!("{} {:?} [{:>4}]", s, s, s);
    let v = vec![1, 2, 3];
    println!("{:?} {:#?}", v, v);
    let b = Box::new(5u8);
    println!("{} {:?}", b, b);
}"#;
    #[derive(Debug)]
    #[allow(dead_code)]
    struct P {
        x: i32,
        y: (u8, char),
    }
    let p = P { x: -3, y: (9, 'z') };
    let s = String::from("hi");
    let v = vec![1, 2, 3];
    let b = Box::new(5u8);
    let expected: Vec<String> = [
        format!("{:?}", p),
        format!("{:#?}", p),
        format!("{} {:?} [{:>4}]", s, s, s),
        format!("{:?} {:#?}", v, v),
        format!("{} {:?}", b, b),
    ]
    .join("\n")
    .split('\n')
    .map(String::from)
    .collect();
    assert_eq!(printed(source), expected);
}

#[test]
fn printing_a_temporary_frees_it_at_the_end_of_the_statement() {
    let run = run("fn main() {\n    println!(\"{:?}\", vec![1u32, 2]);\n}\n");
    assert_eq!(run.outcome, Outcome::Ok);
    assert_eq!(run.output, [format!("{:?}", vec![1u32, 2])]);
    let own: Vec<CallOp> = run
        .calls
        .iter()
        .filter(|c| !c.implicit)
        .map(|c| c.op)
        .collect();
    assert_eq!(own, [CallOp::Alloc, CallOp::Dealloc]);
}

#[test]
fn print_macros_and_lines() {
    let source = r#"fn main() {
    print!("one\n");
    println!();
    println!("two\nthree");
    eprintln!("not on stdout {}", 1);
    eprint!("nor this");
}"#;
    let stdout = "one\n\ntwo\nthree\n";
    assert_eq!(printed(source), stdout.lines().collect::<Vec<_>>());
}

#[test]
fn format_strings_rust_refuses_are_errors() {
    for body in [
        r#"println!("{}");"#,
        r#"println!("{}", 1, 2);"#,
        r#"println!("{:q}", 1);"#,
        r#"println!("{", 1);"#,
        r#"println!("}", 1);"#,
        r#"println!("{}", (1, 2));"#,
        r#"println!("{:x}", 1.5);"#,
        r#"println!("{nope}");"#,
        r#"let t = (1, 2); println!("{}", t);"#,
        r#"println!("{}", Some(1));"#,
    ] {
        let source = format!("fn main() {{ {body} }}");
        let message = stops_with(&source);
        assert!(!message.starts_with("panicked"), "{source}: {message}");
    }
}

#[test]
fn slices_out_of_range_panic_as_std_does() {
    let v = [3u32, 9, 2, 7];
    let text = String::from("añb");
    let (a, b, c, d) = (2usize, 1usize, 5usize, 9usize);
    let vec = "let v = vec![3u32, 9, 2, 7];";
    panics_as(
        &format!("{vec} let s = &v[2..1]; println!(\"{{:?}}\", s);"),
        || {
            let _ = &v[a..b];
        },
    );
    panics_as(
        &format!("{vec} let s = &v[1..5]; println!(\"{{:?}}\", s);"),
        || {
            let _ = &v[b..c];
        },
    );
    panics_as(
        &format!("{vec} let s = &v[9..]; println!(\"{{:?}}\", s);"),
        || {
            let _ = &v[d..];
        },
    );
    panics_as(
        &format!("{vec} let s = &v[..=4]; println!(\"{{:?}}\", s);"),
        || {
            let _ = &v[..=v.len()];
        },
    );
    panics_as(
        "let v = [1u8, 2, 3]; let (x, y) = v.split_at(5); println!(\"{:?} {:?}\", x, y);",
        || {
            let _ = [1u8, 2, 3].split_at(c);
        },
    );
    let t = text.clone();
    panics_as(
        "let s = String::from(\"añb\"); println!(\"{}\", &s[..2]);",
        move || {
            let _ = &t[..a];
        },
    );
    let t = text.clone();
    panics_as("let s = \"añb\"; println!(\"{}\", &s[2..1]);", move || {
        let _ = &t[a..b];
    });
    let t = text.clone();
    panics_as("let s = \"añb\"; println!(\"{}\", &s[1..9]);", move || {
        let _ = &t[b..d];
    });
    panics_as(
        "let s = \"añb\"; let (x, y) = s.split_at(2); println!(\"{} {}\", x, y);",
        move || {
            let _ = text.split_at(a);
        },
    );
}

#[test]
fn a_repeat_larger_than_the_heap_aborts_without_building_its_text() {
    let run = run(
        "fn main() {\n    let s = \"ab\".repeat(1usize << 40);\n    println!(\"{}\", s.len());\n}\n",
    );
    match run.outcome {
        Outcome::Abort { message, line, .. } => {
            assert_eq!(
                message,
                format!("memory allocation of {} bytes failed", 2u64 << 40)
            );
            assert_eq!(line, 2);
        }
        other => panic!("expected an abort, got {other:?}"),
    }
}

/// `print!` without a newline leaves the line open for the next print, and
/// the run says whether the last one is still open (stdout then ends
/// without a newline; the conformance corpus compares it byte for byte).
#[test]
fn print_without_a_newline_leaves_the_last_line_open() {
    let r = run("fn main() {\n    print!(\"a\");\n    println!(\"b\");\n    print!(\"c\");\n}\n");
    assert_eq!(r.output, ["ab", "c"]);
    assert!(r.output_open);
    assert!(!run("fn main() {\n    print!(\"a\");\n    println!();\n}\n").output_open);
}

#[test]
fn closures_in_print_arguments_are_each_their_own() {
    // Each `println!`'s arguments are parsed once and kept: a closure in
    // one is never taken for a closure parsed earlier in another.
    check!({
        let v: Vec<i32> = vec![4, -2, 7, 0, 9, -5, 12, 3];
        let product = v.iter().filter(|x| **x != 0).fold(1i64, |acc, x| acc * *x as i64);
    }
        "{}" => product,
        "{}" => v.iter().all(|x| *x < 20),
        "{:?}" => v.iter().position(|x| *x == 0),
        "{:?}" => v.iter().find(|x| **x > 8),
        "{}" => v.iter().any(|x| *x < -4),
    );
}

#[test]
fn parse_takes_the_type_collect_builds() {
    // rustc infers `parse`'s type from the `Vec<T>` being collected, through
    // `filter_map`'s `ok()` or `map`'s `unwrap()`.
    check!({
        let texts = ["5", "x", "17", "-3", ""];
        let parsed: Vec<i32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
        let small: Vec<u8> = ["1", "2", "250"].iter().map(|t| t.parse().unwrap()).collect();
        let trimmed: Vec<i64> = [" 7", "8 "].iter().map(|t| { t.trim().parse().expect("a number") }).collect();
    }
        "{:?}" => parsed,
        "{:?}" => small,
        "{:?}" => trimmed,
    );
}

/// A name a `use` brings from std that scenarios do not have is said to be
/// that, at its use, with the path it names; a name no `use` brings (a
/// glob of a module without it) is the name never declared that it is.
#[test]
fn a_std_value_brought_in_by_use_is_named_with_its_path() {
    let error = error_of(
        "use std::f64::EPSILON;\nfn main() {\n    let e = EPSILON;\n    println!(\"{e}\");\n}\n",
    );
    assert_eq!(
        (error.line, error.column, error.message.as_str()),
        (
            3,
            13,
            "not supported in scenarios: `std::f64::EPSILON`, brought in by a `use`"
        )
    );
    assert_eq!(
        stops_with("use std::collections::*;\nfn main() { let x = PI; }\n"),
        "cannot find value `PI` in this scope"
    );
    assert_eq!(
        stops_with("use std::u8::*;\nfn main() { let x = PI; }\n"),
        "cannot find value `PI` in this scope"
    );
    // A name written out beats a glob's, even one scenarios lack.
    assert_eq!(
        stops_with("use std::u8::*;\nuse std::f64::MAX;\nfn main() { let x = MAX; }\n"),
        "not supported in scenarios: `std::f64::MAX`, brought in by a `use`"
    );
    // A variant of std's enums by `use` too: valid Rust, not undeclared.
    assert_eq!(
        stops_with("use std::cmp::Ordering::Less;\nfn main() { let x = Less; }\n"),
        "not supported in scenarios: `std::cmp::Ordering::Less`, brought in by a `use`"
    );
}
