//! `complaints report [INPUTS]... [flags]`: read the ledgers, compute every
//! metric of docs/metrics.md, write the report files into --out, print the
//! month's headline.

use crate::cli::ReportArgs;
use crate::metrics;
use crate::report::labels::Labels;
use crate::report::labels::Lang;
use crate::report::{self, ReportContext};

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let mut clock = std::time::Instant::now();
    let config = super::load_config(&args.input)?;
    // one set of parameters: the flags over the config's [report] table,
    // checked before anything is read
    let options = args.options.over(&config.report)?;
    let params = crate::params::resolve(&options)?;
    let history = crate::metrics::history::Choice::from_options(
        options.history.as_ref(),
        options.no_history,
        options.compare_to.as_deref(),
        options.out.as_ref(),
    )?;
    if let Some(note) = crate::params::holiday_note(&args.options, &config.report) {
        crate::error::eprint(note);
    }
    // a --out that cannot take the report is refused before the inputs are read
    if let Some(out) = &options.out {
        report::check_out(out)?;
    }
    let mut ingested = super::read_inputs(&args.input, &config, options.inputs.as_deref())?;
    crate::progress::lap(&mut clock, "read");
    if ingested.quality.complaints == 0 {
        return Err(super::no_complaints_error(&ingested).into());
    }
    let proposed = super::proposal::Proposals::of(&ingested.sheets);
    if !proposed.is_empty() {
        let fields: Vec<&str> = proposed.fields.iter().map(|(p, _)| p.field.name()).collect();
        eprintln!(
            "note: the headers do not name {} (or name it by a column with one value on every row); `complaints check` with the same inputs proposes columns and the command to read them",
            fields.join(", ")
        );
    }
    let spinner = crate::progress::spinner("computing the metrics");
    let mut report = metrics::compute(&ingested, &params)?;
    spinner.finish_and_clear();
    crate::progress::lap(&mut clock, "metrics");
    let labels = Labels { months: params.months, ..Labels::new(options.lang.unwrap_or(Lang::Auto), &ingested) };
    let out = options.out.clone().unwrap_or_else(|| PathBuf::from("reports").join(report.period.to_string()));
    // the history compares and records what was read, before any masking
    history.check_out(&out)?;
    let (session, changes) = crate::metrics::history::Session::start(&history, &ingested.table, &report)?;
    report.changes = changes;
    if options.redact.unwrap_or(false) {
        report::redact::apply(&mut report, &mut ingested)?;
    }
    let ctx = ReportContext { report: &report, ingested: &ingested, labels: &labels };
    let spinner = crate::progress::spinner("writing the workbook, charts and summary");
    let written = report::write_all(
        &ctx,
        &out,
        &[
            &report::workbook::WorkbookWriter,
            &report::summary_json::SummaryJson,
            &report::rejects_csv::RejectsCsv,
            &report::charts::Charts,
            &report::html::Html,
        ],
    )?;
    spinner.finish_and_clear();
    crate::progress::lap(&mut clock, "write");
    let (history_line, history_error) = session.finish(&ingested.table);
    let mut headline = report::headline::render(&report, &ingested, &out, &written);
    if let Some(line) = super::period_caveat(&ingested, &params)? {
        // after the title line, with the report's own caveats
        let at = headline.find('\n').map_or(headline.len(), |i| i + 1);
        headline.insert_str(at, &format!("  Caveat      {line}\n"));
    }
    if let Some(line) = history_line {
        headline.push_str(&line);
        headline.push('\n');
    }
    let done = format!("the report in '{}' is written whole; ", crate::error::shown(&out));
    crate::error::print_after(&crate::text::for_terminal(&headline), &done)?;
    // the report is written: a history that could not be used ends the run
    // with its error (exit 2 when the user must fix it)
    match history_error {
        Some(e) => Err(e),
        None => Ok(ExitCode::SUCCESS),
    }
}
