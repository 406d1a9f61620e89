//! What `check` says when a file is not read right: the columns it proposes
//! for each field and why, one command that reads the file with them as
//! printed (this run's command line plus `--map` flags), and with
//! `--write-config FILE` the same as a commented TOML config.

use crate::ingest::fields::Field;
use crate::ingest::layout::SheetReport;
use crate::ingest::propose::ProposedField;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::Path;

/// The proposed mappings of a run: per field the first sheet's proposal
/// (a `--map` reads every sheet), and the sheets that proposed otherwise.
#[derive(Debug, Default)]
pub struct Proposals<'a> {
    pub fields: Vec<(&'a ProposedField, &'a SheetReport)>,
    pub disagreements: Vec<String>,
}

impl<'a> Proposals<'a> {
    pub fn of(sheets: &'a [SheetReport]) -> Proposals<'a> {
        let mut out = Proposals::default();
        for sheet in sheets {
            for p in sheet.proposal.iter().flat_map(|p| &p.fields) {
                match out.fields.iter().find(|(q, _)| q.field == p.field) {
                    None => out.fields.push((p, sheet)),
                    Some((q, _)) if q.map_to != p.map_to => out.disagreements.push(format!(
                        "{} {}: {} = \"{}\" fits better there",
                        sheet.file,
                        sheet.sheet,
                        p.field.name(),
                        p.map_to
                    )),
                    Some(_) => {}
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// `field="value"`, quoted for a POSIX shell only when it needs it.
fn map_arg(field: Field, value: &str) -> String {
    shell_word(&format!("{}={value}", field.name()))
}

/// A word as a POSIX shell reads it back: bare when safe, in double quotes
/// after the `=` of a `field=value` (as the docs write it) when that is
/// enough, else in single quotes.
pub fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "-_./:=@,+%".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        return s.to_string();
    }
    if let Some((key, value)) = s.split_once('=') {
        if key.chars().all(safe) && !value.contains(['"', '$', '`', '\\', '!']) {
            return format!("{key}=\"{value}\"");
        }
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// This run's command line without `--write-config FILE`, as words.
fn this_command(args: &[OsString]) -> Vec<String> {
    let mut words = Vec::new();
    let mut skip_next = false;
    for a in args {
        let a = a.to_string_lossy();
        if skip_next {
            skip_next = false;
            continue;
        }
        if a == "--write-config" {
            skip_next = true;
            continue;
        }
        if a.starts_with("--write-config=") {
            continue;
        }
        words.push(shell_word(&a));
    }
    words
}

/// This run's command reading `config` in place of its `--map` and
/// `--config` flags (the written config holds them).
pub fn with_config(args: &[OsString], config: &Path) -> String {
    let mut words = Vec::new();
    let mut skip_next = false;
    for a in args {
        let a = a.to_string_lossy();
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if ["--map", "--config", "--write-config"].contains(&a.as_ref()) {
            skip_next = true;
            continue;
        }
        if ["--map=", "--config=", "--write-config="].iter().any(|p| a.starts_with(p)) {
            continue;
        }
        words.push(shell_word(&a));
    }
    words.push("--config".into());
    words.push(shell_word(&config.to_string_lossy()));
    words.join(" ")
}

/// The command that reads the inputs with the proposed mappings: this
/// run's command line plus a `--map` per proposed field (a later `--map`
/// of a field wins over an earlier one).
pub fn command(args: &[OsString], proposals: &Proposals) -> String {
    let mut words = this_command(args);
    for (p, _) in &proposals.fields {
        words.push("--map".into());
        words.push(map_arg(p.field, &p.map_to));
    }
    words.join(" ")
}

/// The proposal as `check` prints it after the sheets.
pub fn render(args: &[OsString], proposals: &Proposals, unread: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nProposed columns ({}):",
        if unread {
            "no column is recognised as the received date, so the file was not read"
        } else {
            "fields the headers do not name, or name by a column with one value on every row"
        }
    );
    for (p, sheet) in &proposals.fields {
        let header = if p.header.is_empty() { String::new() } else { format!(" '{}'", p.header) };
        let sheet = if sheet.sheet.is_empty() { String::new() } else { format!(" of sheet '{}'", sheet.sheet) };
        let _ = writeln!(out, "  {:<14} ← column {}{header}{sheet}: {}", p.field.name(), p.column, p.why);
    }
    for d in &proposals.disagreements {
        let _ = writeln!(out, "  note: {d} (a --map reads every sheet; use a config per file)");
    }
    let _ = writeln!(out, "To read the ledgers with them, run:");
    let _ = writeln!(out, "  {}", command(args, proposals));
    let _ =
        writeln!(out, "or write them to a config to edit and keep: add --write-config FILE, then use --config FILE");
    out
}

/// The commented TOML config of the proposed mappings, with the user's
/// explicit ones (`explicit`) and the rest of the user's own config
/// (`base`, its text) kept.
pub fn config_toml(
    proposals: &Proposals,
    explicit: &[(Field, String)],
    base: Option<&str>,
    read_with: &str,
) -> anyhow::Result<String> {
    let mut table: toml::Table = match base {
        Some(text) => toml::from_str(text)?,
        None => toml::Table::new(),
    };
    table.remove("columns");
    let mut out = String::new();
    let _ = writeln!(out, "# Written by `complaints check --write-config`: the columns to read the ledgers by.");
    let _ = writeln!(out, "# Read them with: {read_with}");
    let _ = writeln!(out, "# Each mapping says which column it reads and why; edit or delete any line.");
    let _ = writeln!(out, "# `column:Q` names a column by its position (a file without a header row).");
    let _ = writeln!(out, "\n[columns]");
    for (field, header) in explicit {
        if proposals.fields.iter().any(|(p, _)| p.field == *field) {
            continue;
        }
        let _ = writeln!(out, "# mapped by you");
        let _ = writeln!(out, "{} = {}", field.name(), toml::Value::String(header.clone()));
    }
    for (p, sheet) in &proposals.fields {
        let header = if p.header.is_empty() { String::new() } else { format!(" '{}'", p.header) };
        let where_ =
            if sheet.sheet.is_empty() { sheet.file.clone() } else { format!("{} / {}", sheet.file, sheet.sheet) };
        let _ = writeln!(out, "# {where_}, column {}{header}: {}", p.column, one_line(&p.why));
        let _ = writeln!(out, "{} = {}", p.field.name(), toml::Value::String(p.map_to.clone()));
    }
    if !table.is_empty() {
        let _ = writeln!(out, "\n# from the config this run read");
        out.push_str(&toml::to_string(&table)?);
    }
    Ok(out)
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Writes the config to `path` (whole or not at all).
pub fn write_config(path: &Path, text: &str) -> anyhow::Result<()> {
    crate::report::write_file_atomic(path, |w| {
        w.write_all(text.as_bytes())?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_when_the_shell_needs_it() {
        assert_eq!(shell_word("DataAbertura"), "DataAbertura");
        assert_eq!(shell_word("received_date=Date of Complaint"), "received_date=\"Date of Complaint\"");
        assert_eq!(shell_word("received_date=등록일시"), "received_date=등록일시");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("defect_type=Bob's \"type\""), "'defect_type=Bob'\\''s \"type\"'");
        assert_eq!(shell_word("received_date=column:Q"), "received_date=column:Q");
    }

    #[test]
    fn the_command_drops_write_config_and_adds_the_maps() {
        let args: Vec<OsString> = ["complaints", "check", "my file.csv", "--write-config", "x.toml", "--json"]
            .iter()
            .map(Into::into)
            .collect();
        assert_eq!(this_command(&args), ["complaints", "check", "'my file.csv'", "--json"]);
    }
}
