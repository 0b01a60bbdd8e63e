//! Routing indicators to station names (2010 Allied Routing Indicator Book,
//! via heuer/cablemap; see data/SOURCES.md), and the stations ids use.

use crate::lines::prefix_key;
use std::sync::OnceLock;

const ROUTES: &str = include_str!("../data/routes.csv");

/// The routing book as `(prefix_key(code), code, name)`, in the order of the
/// `(code, name)` pairs.
fn table() -> &'static [(u64, &'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(u64, &'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use crate::lines::trim;
        let lines = crate::lines::split_lines(ROUTES);
        let mut v = Vec::with_capacity(lines.len());
        for l in &lines {
            let raw = ROUTES.get(l.start..l.end).unwrap_or("");
            let Some(k) = memchr::memchr(b',', raw.as_bytes()) else { continue };
            let (code, name) = (&raw[..k], &raw[k + 1..]);
            let code = trim(code);
            // `trim_matches('"')`, byte by byte.
            let name = trim(name).as_bytes();
            let (mut a, mut b) = (0, name.len());
            while a < b && name[a] == b'"' {
                a += 1;
            }
            while b > a && name[b - 1] == b'"' {
                b -= 1;
            }
            let name = std::str::from_utf8(&name[a..b]).unwrap_or("");
            v.push((prefix_key(code), code, name));
        }
        // The order of the (code, name) pairs, mostly decided by the keys.
        v.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| (a.1, a.2).cmp(&(b.1, b.2))));
        v
    })
}

/// The station name for a routing indicator (`RUEHC` → `DEPT OF STATE WASHINGTON DC`).
pub fn station_name(routing: &str) -> Option<&'static str> {
    let t = table();
    // Ordered as by the codes alone (they hold no NUL), so the search probes
    // the same entries; most probes are settled by the keys.
    let key = prefix_key(routing);
    t.binary_search_by(|(k, c, _)| k.cmp(&key).then_with(|| (*c).cmp(routing))).ok().map(|i| t[i].2)
}

/// Stations as ids write them (`ALMATY`, `RIODEJANEIRO`, `USNATO`), from the
/// routing book's embassy, consulate and mission names, plus the few that ids
/// spell otherwise.
fn stations() -> &'static [String] {
    static STATIONS: OnceLock<Vec<String>> = OnceLock::new();
    STATIONS.get_or_init(|| {
        let mut v: Vec<String> = table()
            .iter()
            .filter_map(|(_, _, name)| {
                let rest = name
                    .strip_prefix("AMEMBASSY ")
                    .or_else(|| name.strip_prefix("AMCONSUL "))
                    .or_else(|| name.strip_prefix("USMISSION "))
                    .or_else(|| name.strip_prefix("USOFFICE "))?;
                Some(rest.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect::<String>())
            })
            .chain(
                [
                    "STATE",
                    "USNATO",
                    "USEUBRUSSELS",
                    "UNVIEVIENNA",
                    "USUNNEWYORK",
                    "RPODUBAI",
                    "SECDEF",
                    "USOSCE",
                    "USMISSIONGENEVA",
                    "AITTAIPEI",
                    "BAGHDAD",
                    "KABUL",
                    "ASTANA",
                    "ALMATY",
                ]
                .iter()
                .map(|s| s.to_string()),
            )
            .collect();
        v.sort_unstable_by(|a, b| prefix_key(a).cmp(&prefix_key(b)).then_with(|| a.cmp(b)));
        v.dedup();
        v
    })
}

/// True when `station` (spaces removed, upper case) is a known station.
pub fn is_known_station(station: &str) -> bool {
    stations().binary_search_by(|s| s.as_str().cmp(station)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(station_name("RUEHFR"), Some("AMEMBASSY PARIS"));
        assert_eq!(station_name("NOPE"), None);
        assert!(is_known_station("RIODEJANEIRO"));
        assert!(is_known_station("LAPAZ"));
        assert!(is_known_station("THEHAGUE"));
        assert!(!is_known_station("POINTS"));
    }
}
