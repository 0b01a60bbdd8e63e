//! Routing indicators to station names (2010 Allied Routing Indicator Book,
//! via heuer/cablemap; see data/SOURCES.md), and the stations ids use.

use std::sync::OnceLock;

const ROUTES: &str = include_str!("../data/routes.csv");

fn table() -> &'static [(&'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<_> = ROUTES
            .lines()
            .filter_map(|l| {
                let (code, name) = l.split_once(',')?;
                Some((code.trim(), name.trim().trim_matches('"')))
            })
            .collect();
        v.sort_unstable();
        v
    })
}

/// The station name for a routing indicator (`RUEHC` → `DEPT OF STATE WASHINGTON DC`).
pub fn station_name(routing: &str) -> Option<&'static str> {
    let t = table();
    t.binary_search_by(|(c, _)| (*c).cmp(routing)).ok().map(|i| t[i].1)
}

/// Stations as ids write them (`ALMATY`, `RIODEJANEIRO`, `USNATO`), from the
/// routing book's embassy, consulate and mission names, plus the few that ids
/// spell otherwise.
fn stations() -> &'static [String] {
    static STATIONS: OnceLock<Vec<String>> = OnceLock::new();
    STATIONS.get_or_init(|| {
        let mut v: Vec<String> = table()
            .iter()
            .filter_map(|(_, name)| {
                let rest = name
                    .strip_prefix("AMEMBASSY ")
                    .or_else(|| name.strip_prefix("AMCONSUL "))
                    .or_else(|| name.strip_prefix("USMISSION "))
                    .or_else(|| name.strip_prefix("USOFFICE "))?;
                Some(rest.replace([' ', '-', '.'], ""))
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
        v.sort_unstable();
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
