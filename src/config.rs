//! The TOML config file (`--config`): column mappings, extra header and value
//! synonyms, reading options and report parameters. Flags win over it.
//!
//! ```toml
//! [columns]                  # field = "header text as in the ledger"
//! received_date = "Date submitted"
//!
//! [synonyms]                 # more header names for a field
//! customer = ["발주처", "납품처"]
//!
//! [values.defect_type]       # value synonyms: written = canonical
//! "이물질" = "이물"
//!
//! [read]
//! year_last = "mdy"          # 1/5/2024 is January 5 ("dmy": May 1)
//!
//! [report]
//! target_days = 10
//! recurrence_key = ["product", "defect_type"]
//! holidays = ["2025-10-03", "2025-10-09"]
//! ```

use crate::bail_user;
use crate::ingest::cells::normalize_key;
use crate::ingest::dates::YearLastOrder;
use crate::ingest::fields::{Field, SynonymTable};
use crate::ingest::profile::{self, Profile, ProfileSpec, SourceChoice};
use crate::ingest::{IngestOptions, ReadLimits};
use crate::side_files::read_side_file;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub read: ReadConfig,
    /// Every `report` flag, under the same name with `_` for `-`.
    #[serde(default)]
    pub report: crate::params::ReportOptions,
    /// The user's source profiles, in the form of src/ingest/profiles/*.toml.
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileSpec>,
    /// Folder of the config file: relative paths in it are relative to it.
    #[serde(skip)]
    pub base_dir: PathBuf,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadConfig {
    pub year_last: Option<YearLastOrder>,
    /// Refuse zip-based workbooks that inflate past this many MB (default 4000).
    pub max_inflated_mb: Option<u64>,
    /// Refuse a row wider than this, or a sheet held whole (workbooks with
    /// merged cells) with more cells (default 50,000,000).
    pub max_cells: Option<u64>,
    /// Which system the inputs come from (`jira`, …, `ledger`); default: as
    /// each sheet's header shows.
    pub source: Option<String>,
    /// The text encoding of CSV/TXT inputs (`cp949`, `shift_jis`,
    /// `windows-1252`, `utf-8` …); default: decided by evidence.
    pub encoding: Option<String>,
}

impl Config {
    /// Reads a config file; errors name the file and the bad key.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = read_side_file(path, "--config")?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            // the parser quotes the line at fault: a nesting bomb is one line of 600 KB
            crate::error::user(format!(
                "config '{}' is not valid: {}\n(see `complaints report --help` for the keys)",
                crate::error::shown(path),
                crate::text::cut_lines(&e.to_string(), crate::text::QUOTE_CHARS)
            ))
        })?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // paths in the config are relative to the config's folder
        let base = config.base_dir.clone();
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        let r = &mut config.report;
        r.out.iter_mut().chain(r.holidays_file.iter_mut()).chain(r.shipments.iter_mut()).for_each(resolve);
        r.inputs.iter_mut().flatten().for_each(resolve);
        Ok(config)
    }

    /// Reading options from the config plus `--map field=Header` flags
    /// (flags win over the config for the same field) and `--source`.
    pub fn ingest_options(&self, maps: &[String], source: Option<&str>) -> anyhow::Result<IngestOptions> {
        let mut explicit: Vec<(Field, String)> = Vec::new();
        for (name, header) in &self.columns {
            explicit.push((field_named(name, "[columns]")?, header.clone()));
        }
        for m in maps {
            let Some((name, header)) = m.split_once('=') else {
                bail_user!("--map '{m}' is not field=Header — e.g. --map received_date=\"Date submitted\"");
            };
            let field = field_named(name.trim(), "--map")?;
            explicit.retain(|(f, _)| *f != field);
            explicit.push((field, header.trim().trim_matches('"').to_string()));
        }
        let mut extra = Vec::new();
        for (name, headers) in &self.synonyms {
            let field = field_named(name, "[synonyms]")?;
            extra.extend(headers.iter().map(|h| (field, h.clone())));
        }
        let mut value_synonyms: HashMap<Field, HashMap<String, String>> = HashMap::new();
        for (name, pairs) in &self.values {
            let field = field_named(name, "[values]")?;
            let map = value_synonyms.entry(field).or_default();
            for (written, canonical) in pairs {
                map.insert(normalize_key(written), canonical.clone());
            }
        }
        let synonyms = SynonymTable::new(&extra);
        // the user's profiles first: they can refine a built-in one
        let mut profiles = Vec::new();
        for (name, spec) in &self.profiles {
            profiles.push(Profile::compile(name, spec, &synonyms).map_err(crate::error::user)?);
        }
        profiles.extend(Profile::built_in(&synonyms));
        let source = match source.or(self.read.source.as_deref()).map(str::trim) {
            None | Some("auto") => SourceChoice::Auto,
            Some(name) if name == profile::LEDGER => SourceChoice::Named(name.to_string()),
            Some(name) if profiles.iter().any(|p| p.name == name) => SourceChoice::Named(name.to_string()),
            Some(name) => {
                let known: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
                bail_user!(
                    "--source '{name}' is not a known source — use one of: auto, {}, {}",
                    profile::LEDGER,
                    known.join(", ")
                );
            }
        };
        Ok(IngestOptions {
            synonyms,
            profiles,
            source,
            explicit,
            value_synonyms,
            year_last: self.read.year_last,
            limits: {
                let d = ReadLimits::default();
                ReadLimits {
                    max_inflated_bytes: self
                        .read
                        .max_inflated_mb
                        .map_or(d.max_inflated_bytes, |mb| mb.saturating_mul(1_000_000)),
                    max_cells: self.read.max_cells.unwrap_or(d.max_cells),
                    encoding: match self.read.encoding.as_deref() {
                        None => None,
                        Some(name) => Some(encoding_named(name, "config [read] encoding")?),
                    },
                }
            },
            keep_unread: false,
        })
    }
}

/// The encoding a name given by the user stands for; errors list some names.
pub fn encoding_named(name: &str, place: &str) -> anyhow::Result<&'static encoding_rs::Encoding> {
    crate::ingest::encoding::by_name(name).ok_or_else(|| {
        crate::error::user(format!(
            "{place}: '{name}' is not a text encoding — use e.g. utf-8, cp949 (Korean), shift_jis (Japanese), gb18030 (Chinese), windows-1252 (Latin-1), utf-16le"
        ))
    })
}

fn field_named(name: &str, place: &str) -> anyhow::Result<Field> {
    Field::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        crate::error::user(format!("{place}: '{name}' is not a field; the fields are {}", names.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_synonyms_and_flags() {
        let config: Config = toml::from_str(
            r#"
            [columns]
            received_date = "Date submitted"
            [synonyms]
            customer = ["발주처"]
            [values.defect_type]
            "이물질" = "이물"
            [report]
            target_days = 7
            "#,
        )
        .unwrap_or_default();
        let opts = config.ingest_options(&["complaint_id=Complaint ID".into()], None).unwrap_or_default();
        assert_eq!(
            opts.explicit,
            vec![(Field::ReceivedDate, "Date submitted".into()), (Field::ComplaintId, "Complaint ID".into())]
        );
        assert_eq!(opts.synonyms.lookup("발주처"), Some(Field::Customer));
        assert_eq!(opts.value_synonyms[&Field::DefectType]["이물질"], "이물");
        assert_eq!(config.report.target_days, Some(7));
    }

    #[test]
    fn unknown_fields_and_keys_are_errors() {
        assert!(Config::default().ingest_options(&["recieved=Date".into()], None).is_err());
        assert!(Config::default().ingest_options(&["received_date".into()], None).is_err());
        assert!(toml::from_str::<Config>("[report]\ntarget = 5").is_err());
    }
}
