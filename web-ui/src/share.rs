//! Share links: the scenario, the strategies with their settings, and the
//! cursor, packed into the URL's fragment so a teacher can send or project
//! an exact state.
//!
//! Format (v4): `#v4;<pane>|<pane>…;<cursor>;<source>`, where a pane is
//! `<strategy>:heap=<bytes>,<key>=<value>,…` with every setting the
//! strategy declares (so a link means the same if a default changes
//! later), and the source is compressed with lz-string's URI-safe
//! encoding. The keys and values are the strategies' own (see
//! `alloc_sim::strategy::SettingSpec`), the same as the command line's
//! flags. Links of the earlier fixed-position format (v3) still open.
//! Anything else is refused with a reason, and the app falls back to its
//! default.

use alloc_sim::strategy::{SettingValue, PAGE_SIZE};
use alloc_sim::{Settings, StrategyKind};

use crate::setup::{Setup, MAX_PANES};

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
            let mut pairs = vec![format!("heap={}", setup.heap)];
            for spec in kind.settings() {
                let value = spec.format(setup.settings.get(spec));
                pairs.push(format!("{}={value}", spec.key));
            }
            format!("{}:{}", kind.name(), pairs.join(","))
        })
        .collect();
    let source = lz_str::compress_to_encoded_uri_component(&shared.source);
    format!("v4;{};{};{source}", panes.join("|"), shared.cursor)
}

/// A strategy's name in a link.
fn kind_named(name: &str) -> Result<StrategyKind, String> {
    StrategyKind::from_name(name).ok_or_else(|| format!("unknown strategy `{name}` in the link"))
}

/// A heap size from a link, if allowed.
fn heap_size(heap: u64) -> Result<u64, String> {
    if (alloc_sim::MIN_HEAP_SIZE..=alloc_sim::MAX_HEAP_SIZE).contains(&heap) {
        Ok(heap)
    } else {
        Err(format!("a heap of {heap} bytes is outside 256 B to 64 MiB"))
    }
}

/// A v4 pane: `name:heap=…,key=value,…`.
fn pane(text: &str) -> Result<(StrategyKind, Setup), String> {
    let (name, pairs) = text
        .split_once(':')
        .ok_or_else(|| format!("`{text}` is not strategy:settings"))?;
    let kind = kind_named(name)?;
    let mut heap = None;
    let mut settings = Settings::new();
    for pair in pairs.split(',') {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("`{pair}` is not key=value"))?;
        if key == "heap" {
            let bytes = value
                .parse::<u64>()
                .map_err(|_| format!("`{value}` is not a heap size"))?;
            heap = Some(heap_size(bytes)?);
            continue;
        }
        let spec = kind
            .setting(key)
            .ok_or_else(|| format!("{kind} has no setting `{key}`"))?;
        settings.parse(spec, value).map_err(|e| e.to_string())?;
    }
    let heap = heap.ok_or_else(|| format!("`{text}` gives no heap size"))?;
    kind.build_with(&settings).map_err(|e| e.to_string())?;
    Ok((kind, Setup { heap, settings }))
}

/// A v3 pane: `name:heap,page,arenas,tcache[,placement]`, read into the
/// settings the strategy declares.
fn pane_v3(text: &str) -> Result<(StrategyKind, Setup), String> {
    let (name, numbers) = text
        .split_once(':')
        .ok_or_else(|| format!("`{text}` is not strategy:settings"))?;
    let kind = kind_named(name)?;
    let numbers: Vec<u64> = numbers
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{numbers}` is not a heap setup"))?;
    let (&[heap, page, arenas, tcache], placement) = match &numbers[..] {
        [a, b, c, d] => (&[*a, *b, *c, *d], 0),
        [a, b, c, d, p] => (&[*a, *b, *c, *d], *p),
        _ => return Err(format!("`{text}` is not a heap setup")),
    };
    let placement = ["first", "next", "best"]
        .get(placement as usize)
        .ok_or_else(|| format!("`{placement}` is not a placement (0 first, 1 next, 2 best)"))?;
    let v3 = [
        ("page-size", SettingValue::Bytes(page)),
        ("arenas", SettingValue::Count(arenas)),
        ("tcache", SettingValue::Flag(tcache == 1)),
        ("placement", SettingValue::Choice(placement)),
    ];
    let mut settings = Settings::new();
    for (key, value) in v3 {
        if let Some(spec) = kind.setting(key) {
            settings.set(spec, value).map_err(|e| e.to_string())?;
        } else if key == PAGE_SIZE.key {
            // v3 wrote a page size for every pane; it meant nothing to a
            // strategy without pages, but a wrong one was refused.
            PAGE_SIZE.check(value).map_err(|e| e.to_string())?;
        }
    }
    kind.build_with(&settings).map_err(|e| e.to_string())?;
    Ok((
        kind,
        Setup {
            heap: heap_size(heap)?,
            settings,
        },
    ))
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
    let read_pane = match version {
        "v4" => pane,
        "v3" => pane_v3,
        _ => {
            return Err(format!(
                "the link's format `{version}` is not one this version reads"
            ))
        }
    };
    let setups = panes
        .split('|')
        .map(read_pane)
        .collect::<Result<Vec<_>, _>>()?;
    if setups.is_empty() || setups.len() > MAX_PANES {
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

    fn with(kind: StrategyKind, pairs: &[(&str, &str)]) -> Settings {
        let mut settings = Settings::new();
        for (key, value) in pairs {
            settings.parse(kind.setting(key).unwrap(), value).unwrap();
        }
        settings
    }

    #[test]
    fn a_state_survives_the_round_trip() {
        let jemalloc = StrategyKind::Jemalloc;
        let own = Setup {
            heap: 65536,
            settings: with(
                jemalloc,
                &[("page-size", "1024"), ("tcache", "on"), ("arenas", "2")],
            ),
        };
        let best = with(StrategyKind::ImplicitList, &[("placement", "best")]);
        let shared = Shared {
            source: "fn main() {\n    let v = vec![1u8; 3]; // ünïcode too\n}".into(),
            setups: vec![
                (
                    StrategyKind::FirstFit,
                    Setup::for_kind(StrategyKind::FirstFit, &Setup::default()),
                ),
                (jemalloc, own),
                (
                    StrategyKind::ImplicitList,
                    Setup {
                        settings: best,
                        ..Setup::default()
                    },
                ),
                (
                    StrategyKind::Buddy,
                    Setup::for_kind(StrategyKind::Buddy, &Setup::default()),
                ),
            ],
            cursor: 7,
        };
        let link = encode(&shared);
        assert!(link.chars().all(|c| c.is_ascii_graphic()), "{link}");
        assert!(
            link.contains("jemalloc:heap=65536,page-size=1024,arenas=2,tcache=on,"),
            "{link}"
        );
        assert_eq!(decode(&format!("#{link}")), Ok(shared));
    }

    #[test]
    fn links_made_before_v4_still_open() {
        // A v3 link as the app wrote them: heap, page, arenas, tcache and
        // (for implicit-list, when not first fit) the placement.
        let source = lz_str::compress_to_encoded_uri_component("fn main() {}");
        let link = format!(
            "#v3;first-fit:4096,512,4,0|jemalloc:65536,1024,2,1|implicit-list:4096,512,4,0,2;3;{source}"
        );
        let shared = decode(&link).unwrap();
        assert_eq!(shared.cursor, 3);
        assert_eq!(shared.source, "fn main() {}");
        let (kind, own) = &shared.setups[1];
        assert_eq!(*kind, StrategyKind::Jemalloc);
        assert_eq!(own.heap, 65536);
        assert_eq!(
            own.settings,
            with(
                *kind,
                &[("page-size", "1024"), ("tcache", "on"), ("arenas", "2")]
            )
        );
        let (_, implicit) = &shared.setups[2];
        assert_eq!(
            implicit.settings,
            with(StrategyKind::ImplicitList, &[("placement", "best")])
        );
        // A pane without settings keeps none of the others'.
        assert_eq!(shared.setups[0].1.settings, Settings::new());
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
        refused(
            "#v4;bump:heap=4096,tcache=on;0;x",
            "bump has no setting `tcache`",
        );
        refused(
            "#v4;jemalloc:heap=4096,arenas=0;0;x",
            "arenas must be from 1 to 64",
        );
        refused(
            "#v4;jemalloc:heap=4096,tcache=maybe;0;x",
            "tcache must be on or off",
        );
        refused("#v4;jemalloc:page-size=512;0;x", "no heap size");
        refused("#v4;buddy:heap;0;x", "key=value");
        refused("#v4;buddy:heap=1;0;x", "outside");
    }
}
