// Option and Result: combinators, `?`, `if let ... else` and `let else`.
fn parse_age(s: &str) -> Result<u32, String> {
    let n = s.trim().parse::<u32>().map_err(|e| e.to_string())?;
    if n > 150 {
        return Err(format!("{} is too old", n));
    }
    Ok(n)
}

fn first_even(v: &[u32]) -> Option<u32> {
    let Some(x) = v.iter().copied().find(|x| x % 2 == 0) else {
        return None;
    };
    Some(x)
}

fn main() {
    for input in ["42", " 7 ", "abc", "200", ""] {
        match parse_age(input) {
            Ok(age) => println!("{:?} -> age {}", input, age),
            Err(e) => println!("{:?} -> error: {}", input, e),
        }
    }
    let some = Some(5u32);
    println!("{:?}", some.map(|x| x * 10));
    println!("{:?}", some.and_then(|x| x.checked_sub(9)));
    println!("{}", None.unwrap_or(1u32));
    println!("{}", None.unwrap_or_else(|| 2 + 2u32));
    let missing: Result<u32, String> = first_even(&[1, 3, 5]).ok_or("no even".to_string());
    println!("{:?}", missing);
    println!("{:?}", first_even(&[1, 6, 8]).ok_or("no even"));
    if let Ok(age) = parse_age("30") {
        println!("parsed {}", age);
    } else {
        println!("not parsed");
    }
    let len = parse_age("x").map(|a| a + 1).unwrap_or_else(|e| e.len() as u32);
    println!("len {}", len);
}
