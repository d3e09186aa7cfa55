// `From` and `TryFrom` between primitives, none of which allocates:
// `u64::from`, `f64::from`, `char::from`, `u32::from(char)`, `x.into()`
// where the type is declared, and `try_from`/`try_into` between integers,
// whose `Err(TryFromIntError(()))` prints as std's (`{:?}` and `{}`),
// passes through `?`, and is turned into a `String` on failure.
use std::num::TryFromIntError;
fn halve(n: u64) -> Result<u8, TryFromIntError> {
    let small = u8::try_from(n)?;
    Ok(small / 2)
}
fn main() {
    let a = u64::from(5u32);
    let b = f64::from(2.5f32);
    let c = i64::from(-3i8);
    let d: u32 = u32::try_from(300u64).unwrap();
    let e = u8::try_from(300u32).is_err();
    let f: u64 = 7u16.into();
    let g = char::from(65u8);
    let h = u32::from('a');
    let s = String::from('x');
    let t: String = "hi".into();
    let n = usize::try_from(-1i32).unwrap_or(0);
    let m: i128 = u64::MAX.into();
    let z = f32::from(true) + f32::from(-7i16);
    println!("{a} {b} {c} {d} {e} {f} {g} {h} {s} {t} {n} {m} {z}");
    let r = u8::try_from(300i64);
    println!("{:?}", r);
    println!("{}", r.unwrap_err());
    let k: Result<u16, _> = 70000u32.try_into();
    println!("{:?}", k);
    let small: i8 = 100u8.try_into().unwrap();
    println!("{small}");
    println!("{:?} {:?}", halve(40), halve(400));
    let mut messages: Vec<String> = Vec::new();
    for n in [40, 400, 510] {
        messages.push(match halve(n) {
            Ok(v) => v.to_string(),
            Err(e) => e.to_string(),
        });
    }
    println!("{:?}", messages);
}
