//! Share links: the scenario, the strategies with their settings, and the
//! cursor, packed into the URL's fragment so a teacher can send or project
//! an exact state.
//!
//! Format: `#v3;<strategy>:<heap>,<page>,<arenas>,<tcache>[,<placement>]|…;
//! <cursor>;<source compressed with lz-string's URI-safe encoding>`, where
//! the placement (the implicit list's: 1 next fit, 2 best fit) is written
//! only when it is not first fit. Anything else is refused
//! with a reason, and the app falls back to its default.

use alloc_sim::strategy::Placement;
use alloc_sim::{Settings, StrategyKind};

use crate::state::Setup;

/// What a link holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The scenario's code.
    pub source: String,
    /// The strategies shown, each with its heap size and settings.
    pub setups: Vec<(StrategyKind, Setup)>,
    /// Calls made at the cursor.
    pub cursor: usize,
}

impl Shared {
    /// The strategies shown.
    pub fn kinds(&self) -> Vec<StrategyKind> {
        self.setups.iter().map(|(k, _)| *k).collect()
    }
}

/// The fragment for a state, without the `#`.
pub fn encode(shared: &Shared) -> String {
    let panes: Vec<String> = shared
        .setups
        .iter()
        .map(|(kind, setup)| {
            let s = setup.settings;
            let placement = Placement::ALL
                .iter()
                .position(|p| *p == s.placement)
                .unwrap_or(0);
            let mut pane = format!(
                "{}:{},{},{},{}",
                kind.name(),
                setup.heap,
                s.page_size,
                s.arenas,
                u8::from(s.tcache)
            );
            if placement != 0 {
                pane.push_str(&format!(",{placement}"));
            }
            pane
        })
        .collect();
    let source = lz_str::compress_to_encoded_uri_component(&shared.source);
    format!("v3;{};{};{source}", panes.join("|"), shared.cursor)
}

fn pane(text: &str) -> Result<(StrategyKind, Setup), String> {
    let (name, numbers) = text
        .split_once(':')
        .ok_or_else(|| format!("`{text}` is not strategy:settings"))?;
    let kind = StrategyKind::from_name(name)
        .ok_or_else(|| format!("unknown strategy `{name}` in the link"))?;
    let numbers: Vec<u64> = numbers
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{numbers}` is not a heap setup"))?;
    let (&[heap, page_size, arenas, tcache], placement) = match &numbers[..] {
        [a, b, c, d] => (&[*a, *b, *c, *d], 0),
        [a, b, c, d, p] => (&[*a, *b, *c, *d], *p),
        _ => return Err(format!("`{text}` is not a heap setup")),
    };
    let placement = *Placement::ALL
        .get(placement as usize)
        .ok_or_else(|| format!("`{placement}` is not a placement (0 first, 1 next, 2 best)"))?;
    let settings = Settings {
        page_size,
        arenas: u32::try_from(arenas).unwrap_or(0),
        tcache: tcache == 1,
        placement,
        ..Settings::default()
    };
    if !(alloc_sim::MIN_HEAP_SIZE..=alloc_sim::MAX_HEAP_SIZE).contains(&heap) {
        return Err(format!("a heap of {heap} bytes is outside 256 B to 64 MiB"));
    }
    kind.build_with(settings)?;
    Ok((kind, Setup { heap, settings }))
}

/// Reads a fragment (with or without the `#`).
pub fn decode(fragment: &str) -> Result<Shared, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut parts = fragment.splitn(4, ';');
    let (Some(version), Some(panes), Some(cursor), Some(source)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the link is incomplete".into());
    };
    if version != "v3" {
        return Err(format!(
            "the link's format `{version}` is not one this version reads"
        ));
    }
    let setups = panes.split('|').map(pane).collect::<Result<Vec<_>, _>>()?;
    if setups.is_empty() || setups.len() > crate::state::MAX_PANES {
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
        setups,
        cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_survives_the_round_trip() {
        let own = Setup {
            heap: 65536,
            settings: Settings {
                page_size: 1024,
                tcache: true,
                arenas: 2,
                ..Settings::default()
            },
        };
        let shared = Shared {
            source: "fn main() {\n    let v = vec![1u8; 3]; // ünïcode too\n}".into(),
            setups: vec![
                (StrategyKind::FirstFit, Setup::default()),
                (StrategyKind::Jemalloc, own),
                (
                    StrategyKind::ImplicitList,
                    Setup {
                        settings: Settings {
                            placement: Placement::BestFit,
                            ..Setup::default().settings
                        },
                        ..Setup::default()
                    },
                ),
            ],
            cursor: 7,
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
        refused("#v9;bump:4096,512,4,0;0;x", "format");
        refused("#v3;best-fit:4096,512,4,0;0;x", "unknown strategy");
        refused("#v3;bump:4096,512,4,0;-3;x", "step number");
        let five = ["bump:4096,512,4,0"; 5].join("|");
        refused(&format!("#v3;{five};0;x"), "one to four");
        refused("#v3;bump:4096,512;0;x", "heap setup");
        refused("#v3;bump;0;x", "strategy:settings");
        refused("#v3;bump:12,512,4,0;0;x", "outside");
        refused("#v3;jemalloc:4096,100,4,0;0;x", "power of two");
        refused("#v3;implicit-list:4096,512,4,0,7;0;x", "placement");
        assert!(decode("#v3;bump:4096,512,4,0;0;%%%not-lz%%%").is_err());
    }
}
