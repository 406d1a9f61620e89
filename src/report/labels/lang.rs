//! The report's language as asked for.

/// The language asked for (`--lang`, config `lang`): `Auto` picks Korean
/// when the ledgers' headers are Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Auto,
    Ko,
    En,
}

/// The trend window of a report without `--months` (docs/metrics.md).
pub const DEFAULT_MONTHS: u32 = 12;
