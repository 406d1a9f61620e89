//! Source profiles: the exports of the systems complaints already live in
//! (Jira, Zendesk, ServiceNow, Salesforce, Dynamics 365, SAP QM), read with
//! zero configuration. A profile is data — one TOML file per system in
//! `src/ingest/profiles/`, or a `[profiles.NAME]` table in the user's config
//! in the same form — and reuses the synonym machinery: its columns are
//! synonyms that outrank the built-in ones on the sheets it recognises.
//!
//! ```toml
//! title = "Jira CSV export"                    # what `check` says: "looks like a …"
//! detect = [["Issue key", "Summary", "Status"]] # a header row holding all names of one set
//! closed = ["Done", "Resolved"]                 # status words (or codes) meaning closed
//! ignore = ["Due date"]                         # headers never read
//! strip_suffixes = ["[list]"]                   # dropped before a name is looked up
//! year_last = "dmy"                             # day/month order when a date column does not tell
//! [columns]                                     # field = header names, first choice first
//! complaint_id = ["Issue key"]
//! ```

use super::cells::{normalize_header, normalize_key, Cell};
use super::dates::YearLastOrder;
use super::fields::{Field, SynonymTable};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A profile as written (built-in TOML file or config table).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSpec {
    pub title: String,
    pub detect: Vec<Vec<String>>,
    #[serde(default)]
    pub closed: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub strip_suffixes: Vec<String>,
    pub year_last: Option<YearLastOrder>,
    #[serde(default)]
    pub columns: BTreeMap<String, Vec<String>>,
}

/// The built-in profiles, in the order they are tried.
const BUILT_IN: [(&str, &str); 6] = [
    ("jira", include_str!("profiles/jira.toml")),
    ("zendesk", include_str!("profiles/zendesk.toml")),
    ("servicenow", include_str!("profiles/servicenow.toml")),
    ("salesforce", include_str!("profiles/salesforce.toml")),
    ("dynamics", include_str!("profiles/dynamics.toml")),
    ("sapqm", include_str!("profiles/sapqm.toml")),
];

/// The name of "no profile": a hand-kept ledger, read by the built-in synonyms.
pub const LEDGER: &str = "ledger";

/// A profile ready to use on a sheet.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub title: String,
    /// Header name sets, normalised.
    detect: Vec<Vec<String>>,
    /// The run's synonyms with this profile's columns.
    pub synonyms: SynonymTable,
    /// Closed status words, normalised.
    closed: Vec<String>,
    pub year_last: Option<YearLastOrder>,
}

impl Profile {
    /// Builds a profile on top of the run's synonyms; `Err` names the bad key.
    pub fn compile(name: &str, spec: &ProfileSpec, base: &SynonymTable) -> Result<Profile, String> {
        let mut columns = Vec::new();
        for (field_name, headers) in &spec.columns {
            let field = Field::from_name(field_name)
                .filter(|f| *f != Field::RowNo)
                .ok_or_else(|| format!("profile '{name}': [columns] {field_name} is not a field"))?;
            columns.push((field, headers.clone()));
        }
        if spec.detect.is_empty() || spec.detect.iter().any(Vec::is_empty) {
            return Err(format!("profile '{name}': detect needs at least one non-empty list of header names"));
        }
        Ok(Profile {
            name: name.to_string(),
            title: spec.title.clone(),
            detect: spec.detect.iter().map(|set| set.iter().map(|h| normalize_header(h)).collect()).collect(),
            synonyms: base.with_profile(&columns, &spec.ignore, &spec.strip_suffixes),
            closed: spec.closed.iter().map(|w| normalize_key(w)).collect(),
            year_last: spec.year_last,
        })
    }

    /// The built-in profiles on top of `base`.
    pub fn built_in(base: &SynonymTable) -> Vec<Profile> {
        BUILT_IN
            .iter()
            .map(|(name, text)| {
                let spec: ProfileSpec = toml::from_str(text).unwrap_or_default();
                Profile::compile(name, &spec, base).unwrap_or_else(|_| Profile {
                    name: name.to_string(),
                    title: String::new(),
                    detect: Vec::new(),
                    synonyms: base.clone(),
                    closed: Vec::new(),
                    year_last: None,
                })
            })
            .collect()
    }

    /// The names of the built-in profiles.
    pub fn built_in_names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(name, _)| *name)
    }

    /// Whether `row` holds every header name of one of the profile's sets.
    pub fn matches(&self, row: &[Cell]) -> bool {
        let keys: Vec<String> = row
            .iter()
            .filter_map(|c| match c {
                Cell::Text(t) => Some(normalize_header(t)),
                _ => None,
            })
            .collect();
        self.detect.iter().any(|set| set.iter().all(|name| keys.contains(name)))
    }

    /// Whether a status value means closed in this system: the whole value
    /// or one of its words (SAP's system status `NOCO ATCO`).
    pub fn is_closed(&self, status: &str) -> bool {
        if self.closed.is_empty() {
            return false;
        }
        let key = normalize_key(status);
        self.closed.contains(&key) || key.split([' ', ',', ';']).any(|w| self.closed.iter().any(|c| c == w))
    }
}

/// Which profile reads a sheet: the one its header shows (`Auto`), none
/// (`ledger`), or the one the user names with `--source`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SourceChoice {
    #[default]
    Auto,
    Named(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_parses_and_names_real_fields() {
        let base = SynonymTable::new(&[]);
        for (name, text) in BUILT_IN {
            let spec: ProfileSpec = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let profile = Profile::compile(name, &spec, &base).unwrap_or_else(|e| panic!("{e}"));
            assert!(!profile.title.is_empty(), "{name}");
            assert!(spec.columns.contains_key("received_date"), "{name} reads the received date");
            assert!(spec.columns.contains_key("complaint_id"), "{name} reads the id");
        }
    }

    #[test]
    fn a_profile_outranks_synonyms_ignores_and_strips() {
        let base = SynonymTable::new(&[]);
        let profiles = Profile::built_in(&base);
        let zendesk = profiles.iter().find(|p| p.name == "zendesk").expect("zendesk");
        assert_eq!(zendesk.synonyms.lookup("Created at"), Some(Field::ReceivedDate));
        assert_eq!(zendesk.synonyms.lookup("Product [list]"), Some(Field::Product));
        assert_eq!(zendesk.synonyms.lookup("Due date"), None, "ignored");
        assert_eq!(base.lookup("Due date"), Some(Field::ReplyDueDate), "the built-in table is unchanged");
        let sap = profiles.iter().find(|p| p.name == "sapqm").expect("sap");
        assert!(sap.is_closed("NOCO ATCO") && !sap.is_closed("NOPR OSTS"));
        let t = |s: &str| Cell::Text(s.into());
        assert!(sap.matches(&[t("Typ"), t("Notifctn"), t("Notif.date")]));
        assert!(!sap.matches(&[t("Notifctn"), t("Created")]));
    }
}
