//! Share links: the scenario, the strategies and the cursor, packed into
//! the URL's fragment so a teacher can send or project an exact state.
//!
//! Format: `#v2;<strategy>,<strategy>;<cursor>;<heap>,<page>,<arenas>,<tcache>;<source
//! compressed with lz-string's URI-safe encoding>`. Anything else is refused
//! with a reason, and the app falls back to its default.

use alloc_sim::{Settings, StrategyKind};

use crate::state::Setup;

/// What a link holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The scenario's code.
    pub source: String,
    /// The strategies shown.
    pub kinds: Vec<StrategyKind>,
    /// Calls made at the cursor.
    pub cursor: usize,
    /// Heap size and settings.
    pub setup: Setup,
}

/// The fragment for a state, without the `#`.
pub fn encode(shared: &Shared) -> String {
    let kinds: Vec<&str> = shared.kinds.iter().map(|k| k.name()).collect();
    let source = lz_str::compress_to_encoded_uri_component(&shared.source);
    let s = shared.setup.settings;
    let setup = format!(
        "{},{},{},{}",
        shared.setup.heap,
        s.page_size,
        s.arenas,
        u8::from(s.tcache)
    );
    format!("v2;{};{};{setup};{source}", kinds.join(","), shared.cursor)
}

/// Reads a fragment (with or without the `#`).
pub fn decode(fragment: &str) -> Result<Shared, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut parts = fragment.splitn(5, ';');
    let (Some(version), Some(kinds), Some(cursor), Some(setup), Some(source)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err("the link is incomplete".into());
    };
    if version != "v2" {
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
    let numbers: Vec<u64> = setup
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{setup}` is not a heap setup"))?;
    let [heap, page_size, arenas, tcache] = numbers[..] else {
        return Err(format!("`{setup}` is not a heap setup"));
    };
    let settings = Settings {
        page_size,
        arenas: u32::try_from(arenas).unwrap_or(0),
        tcache: tcache == 1,
        ..Settings::default()
    };
    if !(alloc_sim::MIN_HEAP_SIZE..=alloc_sim::MAX_HEAP_SIZE).contains(&heap) {
        return Err(format!("a heap of {heap} bytes is outside 256 B to 64 MiB"));
    }
    if let Some(e) = kinds.iter().find_map(|k| k.build_with(settings).err()) {
        return Err(e);
    }
    let setup = Setup { heap, settings };
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
        setup,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_survives_the_round_trip() {
        let settings = Settings {
            page_size: 1024,
            tcache: true,
            arenas: 2,
            ..Settings::default()
        };
        let shared = Shared {
            source: "fn main() {\n    let v = vec![1u8; 3]; // ünïcode too\n}".into(),
            kinds: vec![StrategyKind::FirstFit, StrategyKind::Jemalloc],
            cursor: 7,
            setup: Setup {
                heap: 65536,
                settings,
            },
        };
        let link = encode(&shared);
        assert!(link.chars().all(|c| c.is_ascii_graphic()), "{link}");
        assert_eq!(decode(&format!("#{link}")), Ok(shared));
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        let refused = |link: &str, why: &str| {
            let err = decode(link).unwrap_err();
            assert!(err.contains(why), "{link}: {err}");
        };
        refused("", "incomplete");
        refused("#v9;bump;0;4096,512,4,0;x", "format");
        refused("#v2;best-fit;0;4096,512,4,0;x", "unknown strategy");
        refused("#v2;bump;-3;4096,512,4,0;x", "step number");
        refused(
            "#v2;bump,bump,bump,bump,bump;0;4096,512,4,0;x",
            "one to four",
        );
        refused("#v2;bump;0;4096,512;x", "heap setup");
        refused("#v2;bump;0;12,512,4,0;x", "outside");
        refused("#v2;jemalloc;0;4096,100,4,0;x", "power of two");
        assert!(decode("#v2;bump;0;4096,512,4,0;%%%not-lz%%%").is_err());
    }
}
