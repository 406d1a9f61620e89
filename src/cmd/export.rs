//! `complaints export [INPUTS]... --out DIR`: the clean table with every
//! complaint's judgements as of `--as-of`, as a Parquet dataset partitioned
//! by receipt month (Spark, Trino and DuckDB read it as is), with the
//! report's summary.json beside it as `_summary.json` (a leading `_` keeps
//! Spark from taking it for data), so that the SQL in `sql/` can be checked
//! against the engine's figures (`sql/check.sh`).

use crate::cli::ReportArgs;
use crate::metrics;
use crate::report::labels::Labels;
use crate::report::labels::Lang;
use crate::report::{self, ReportContext};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let config = super::load_config(&args.input)?;
    let options = args.options.over(&config.report)?;
    let params = crate::params::resolve(&options)?;
    if let Some(note) = crate::params::holiday_note(&args.options, &config.report) {
        crate::error::eprint(note);
    }
    // a --out that cannot take the report is refused before the inputs are read
    if let Some(out) = &options.out {
        report::check_out(out)?;
    }
    let ingested = super::read_inputs(&args.input, &config, options.inputs.as_deref())?;
    if ingested.quality.complaints == 0 {
        return Err(super::no_complaints_error(&ingested).into());
    }
    let spinner = crate::progress::spinner("judging every complaint");
    let period = metrics::resolve_period(&ingested.table, &params)?;
    let judged = metrics::judge(&ingested.table, &period, &params)?;
    let report = metrics::compute(&ingested, &params)?;
    spinner.finish_and_clear();
    let labels = Labels { months: params.months, ..Labels::new(options.lang.unwrap_or(Lang::Auto), &ingested) };
    let out = options.out.clone().unwrap_or_else(|| PathBuf::from("export"));
    let ctx = ReportContext { report: &report, ingested: &ingested, labels: &labels };
    let spinner = crate::progress::spinner("writing the dataset");
    let written = report::write_all(
        &ctx,
        &out,
        &[&report::dataset::Dataset { judged: &judged }, &report::summary_json::SummaryJsonAs("_summary.json")],
    )?;
    spinner.finish_and_clear();
    let parts = written.iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).count();
    let text = format!(
        "Exported {} complaints received up to {} ({} months, {parts} Parquet files) to {}/received_month=YYYY-MM/\n\
         with their judgements as of {}; the report's figures are in {}/_summary.json\n",
        judged.height(),
        period.as_of,
        parts,
        crate::error::shown(&out),
        period.as_of,
        crate::error::shown(&out)
    );
    crate::error::print(&crate::text::for_terminal(&text))?;
    Ok(ExitCode::SUCCESS)
}
