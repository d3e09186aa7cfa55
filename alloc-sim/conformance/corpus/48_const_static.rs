// `const` is inlined where used; a `static` has one address for the program.
const LIMIT: u32 = 5;
static GREETING: &str = "hi";
static PRIMES: [u32; 5] = [2, 3, 5, 7, 11];

fn main() {
    let mut sum = 0;
    for i in 0..LIMIT as usize {
        sum += PRIMES[i];
    }
    println!("{} the first {} primes add to {}", GREETING, LIMIT, sum);
    println!("{}", GREETING.len() as u32 + LIMIT);
}
