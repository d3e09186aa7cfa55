//! Share links: the scenario, the strategies and the cursor, packed into
//! the URL's fragment so a teacher can send or project an exact state.
//!
//! Format: `#v1;<strategy>,<strategy>;<cursor>;<source compressed with
//! lz-string's URI-safe encoding>`. Anything else is refused with a reason,
//! and the app falls back to its default.

use alloc_sim::StrategyKind;

/// What a link holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The scenario's code.
    pub source: String,
    /// The strategies shown.
    pub kinds: Vec<StrategyKind>,
    /// Calls made at the cursor.
    pub cursor: usize,
}

/// The fragment for a state, without the `#`.
pub fn encode(shared: &Shared) -> String {
    let kinds: Vec<&str> = shared.kinds.iter().map(|k| k.name()).collect();
    let source = lz_str::compress_to_encoded_uri_component(&shared.source);
    format!("v1;{};{};{source}", kinds.join(","), shared.cursor)
}

/// Reads a fragment (with or without the `#`).
pub fn decode(fragment: &str) -> Result<Shared, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut parts = fragment.splitn(4, ';');
    let (Some(version), Some(kinds), Some(cursor), Some(source)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the link is incomplete".into());
    };
    if version != "v1" {
        return Err(format!(
            "the link's format `{version}` is not one this version reads"
        ));
    }
    let kinds = kinds
        .split(',')
        .map(|name| {
            StrategyKind::from_name(name)
                .ok_or_else(|| format!("unknown strategy `{name}` in the link"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if kinds.is_empty() || kinds.len() > crate::state::MAX_PANES {
        return Err("a link names one to four strategies".into());
    }
    let cursor = cursor
        .parse::<usize>()
        .map_err(|_| format!("`{cursor}` is not a step number"))?;
    let source = lz_str::decompress_from_encoded_uri_component(source)
        .and_then(|utf16| String::from_utf16(&utf16).ok())
        .ok_or("the code in the link is damaged")?;
    if source.len() > 100_000 {
        return Err("the code in the link is too long".into());
    }
    Ok(Shared {
        source,
        kinds,
        cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_survives_the_round_trip() {
        let shared = Shared {
            source: "fn main() {\n    let v = vec![1u8; 3]; // ünïcode too\n}".into(),
            kinds: vec![StrategyKind::FirstFit, StrategyKind::Jemalloc],
            cursor: 7,
        };
        let link = encode(&shared);
        assert!(link.chars().all(|c| c.is_ascii_graphic()), "{link}");
        assert_eq!(decode(&format!("#{link}")), Ok(shared));
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        assert!(decode("").unwrap_err().contains("incomplete"));
        assert!(decode("#v9;bump;0;x").unwrap_err().contains("format"));
        assert!(decode("#v1;best-fit;0;x")
            .unwrap_err()
            .contains("unknown strategy"));
        assert!(decode("#v1;bump;-3;x").unwrap_err().contains("step number"));
        assert!(decode("#v1;bump,bump,bump,bump,bump;0;x")
            .unwrap_err()
            .contains("one to four"));
        assert!(decode("#v1;bump;0;%%%not-lz%%%").is_err());
    }
}
