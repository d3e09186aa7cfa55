//! Byte counts as people write them: `256`, `64KiB`, `1MiB`.

use std::fmt;

/// A byte count that prints in the largest binary unit that divides it
/// (`64 KiB`), or as plain bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bytes(pub u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
            if n >= 1 << shift && n.is_multiple_of(1 << shift) {
                return write!(f, "{} {unit}", n >> shift);
            }
        }
        write!(f, "{n} B")
    }
}

/// A byte count rounded to what a person reads at a glance: plain bytes
/// under 1 KiB, else KiB or MiB to one decimal (`1.8 MiB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct About(pub u64);

impl fmt::Display for About {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            n if n < 1 << 10 => write!(f, "{n} B"),
            n if n < 1 << 20 => write!(f, "{:.1} KiB", n as f64 / (1 << 10) as f64),
            n => write!(f, "{:.1} MiB", n as f64 / (1 << 20) as f64),
        }
    }
}

/// Parses `4096`, `4096B`, `64KiB`, `64K`, `1MiB`, `1M`, `1GiB` (binary units).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    if number.is_empty() {
        return Err(format!(
            "`{text}` is not a size: expected a number such as 4096, 64KiB or 1MiB"
        ));
    }
    let value: u64 = number
        .parse()
        .map_err(|_| format!("`{number}` is too large a number"))?;
    let shift = match unit.trim() {
        "" | "B" => 0,
        "K" | "KiB" | "k" | "kib" | "KB" => 10,
        "M" | "MiB" | "m" | "mib" | "MB" => 20,
        "G" | "GiB" | "g" | "gib" | "GB" => 30,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}`: use B, KiB, MiB or GiB"
            ))
        }
    };
    value
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// Parses an address: `0x1000` in hex, or decimal.
pub fn parse_addr(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let parsed = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => t.parse(),
    };
    parsed.map_err(|_| format!("`{text}` is not an address: write it in hex (0x1000) or decimal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_rounds_to_the_unit_read_at_a_glance() {
        assert_eq!(About(1023).to_string(), "1023 B");
        assert_eq!(About(1536).to_string(), "1.5 KiB");
        assert_eq!(About(40 << 20).to_string(), "40.0 MiB");
        assert_eq!(About((1 << 20) + (1 << 19)).to_string(), "1.5 MiB");
    }

    #[test]
    fn sizes_with_binary_units() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64KiB"), Ok(65536));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("2 M"), Ok(2 << 20));
        assert!(parse_size("12 parsecs")
            .unwrap_err()
            .contains("unknown unit"));
        assert!(parse_size("KiB").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn bytes_print_in_the_largest_exact_unit() {
        assert_eq!(Bytes(65536).to_string(), "64 KiB");
        assert_eq!(Bytes(1536).to_string(), "1536 B");
        assert_eq!(Bytes(3 << 20).to_string(), "3 MiB");
    }

    #[test]
    fn addresses_in_hex_or_decimal() {
        assert_eq!(parse_addr("0x1000"), Ok(4096));
        assert_eq!(parse_addr("4096"), Ok(4096));
        assert!(parse_addr("0xZZ").is_err());
    }
}
