//! Command-line definitions (clap derive). Every flag has help text; each
//! subcommand's long help ends with examples.
// The doc comments here are the --help text, written for a terminal:
// `[profiles]` and `<N>` are words there, not links or HTML.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "complaints",
    version,
    about = "Customer-complaint ledgers (Excel/CSV, Korean or English) → the monthly complaint report for the management review",
    long_about = "Reads complaint ledgers as they are kept — title rows, merged two-row headers, a sheet per year, \
                  mixed date text, CP949 CSV exports — into one clean table, and computes the monthly figures of \
                  the management review: volume and trend, Pareto, handling time against the 10-day target, \
                  recurrence and control-chart signals.\n\n\
                  With no INPUTS the sample ledgers in data/sample/ are used.",
    after_help = "Examples:\n  complaints check                         # read the sample ledgers, show what was understood\n  complaints check 2024_불만대장.xlsx exports/\n  complaints report --period 2025-10       # write reports/2025-10/\n  complaints sample --out data/sample"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read ledgers and show how they were understood: header rows, column
    /// mapping, row counts, rejects and warnings. Writes nothing.
    #[command(
        after_help = "Examples:\n  complaints check\n  complaints check ledger.xlsx --json > check.json\n  complaints check data.xlsx --map received_date=\"Date submitted\"\n  complaints check export.csv --write-config export.toml   # keep what check proposes\n  complaints check nohead.txt --map received_date=column:Q   # a file without a header row\n  complaints check realdata/cfpb.xlsx --config data/mappings/cfpb_bank_of_america.toml\n\nExit code: 0 when at least one complaint was read, 2 when an input cannot be used (the message says which file and what to do)."
    )]
    Check(CheckArgs),
    /// Compute the monthly report: summary.json, rejects.csv, the Excel
    /// workbook and chart images in --out.
    #[command(
        after_help = "Examples:\n  complaints report                                  # sample data, latest month\n  complaints report ledgers/ --period 2025-10 --out reports/oct\n  complaints report ledgers/ --as-of 2025-11-05 --business-days --holidays holidays.txt\n  complaints report ledgers/ --recurrence-key customer,product,defect_type --recurrence-window 60\n  complaints report ledgers/ --config mappings.toml --lang en\n  complaints report ledgers/                         # also records reports/history/period=2025-10/ and compares with 2025-09\n  complaints report ledgers/ --out reports/oct --history reports/history\n  complaints report ledgers/ --compare-to 2025-08    # changes since the August report\n  complaints report ledgers/ --no-history\n\nEvery flag can also be set in the config's [report] table under the same name (with _ for -); a flag wins over the config.\n\nExit code: 0 when the report was written; 2 for input, flags or a config the user must fix (nothing written), or for a history folder that cannot be used (the report is written without changes, the message names the folder); 1 for anything else."
    )]
    Report(Box<ReportArgs>),
    /// Write the clean table with every complaint's judgements as of
    /// --as-of as a Parquet dataset partitioned by receipt month
    /// (received_month=YYYY-MM/part-0.parquet), for Spark, Trino or DuckDB
    /// and the SQL in sql/; the report's summary.json beside it as
    /// _summary.json. Takes the same inputs and flags as `report`.
    #[command(
        after_help = "Examples:\n  complaints export ledgers/ --out export/plant1\n  complaints export ledgers/ --as-of 2025-10-31 --config mappings.toml --out /data/complaints/site=plant1\n  duckdb -c \"select received_month, count(*) from read_parquet('export/plant1/*/*.parquet', hive_partitioning=true) group by 1 order by 1\"\n\nComplaints received after --as-of are not in the dataset (they did not exist yet). --out is replaced as a whole, like the report folder [default: export/]."
    )]
    Export(Box<ReportArgs>),
    /// Write synthetic ledgers: the Korean legacy sample (default) or a tidy
    /// ledger of --rows complaints for benchmarks.
    #[command(
        after_help = "Examples:\n  complaints sample                          # rewrite data/sample/ (seed 20251031)\n  complaints sample --rows 100000 --format csv --out big.csv\n  complaints sample --rows 1000000 --format xlsx --seed 7 --out big.xlsx\n  complaints sample --rows 1000000 --format parquet --out big.parquet"
    )]
    Sample(SampleArgs),
}

/// How inputs are read; shared by `check` and `report`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Ledger files or folders (xlsx, xlsm, xls, xlsb, ods, csv, txt, parquet). A
    /// folder means every ledger file in it, by name. Default: data/sample/
    /// (with its config data/sample/complaints.toml unless --config is given).
    #[arg(value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// TOML config with column mappings, synonyms and report parameters,
    /// e.g. --config data/mappings/tdi_texas_insurance.toml. Default: none
    /// (data/sample/complaints.toml when no INPUTS are given).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Map a column explicitly for this run (repeatable), e.g.
    /// --map received_date="Date submitted" --map complaint_id="Unique Key"
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    pub maps: Vec<String>,
    /// The system the exports come from: jira, zendesk, servicenow,
    /// salesforce, dynamics, sapqm, ledger (a hand-kept ledger: no profile),
    /// or a profile of the config's [profiles]. Default: auto — each sheet
    /// as its header shows (`check` says which), e.g. --source sapqm
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Text encoding of CSV/TXT inputs when the one check chose by evidence
    /// is wrong: utf-8, cp949 (Korean), shift_jis (Japanese), gb18030
    /// (Chinese), windows-1252 (Latin-1), utf-16le … e.g. --encoding shift_jis
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the result as JSON (all rejects and warnings) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also write the clean complaint table (one row per complaint, with
    /// source file/sheet/row) as CSV, e.g. --table clean.csv
    #[arg(long, value_name = "FILE")]
    pub table: Option<PathBuf>,
    /// Write the column mappings (yours and the ones check proposes for
    /// columns it did not recognise) as a commented TOML config to read the
    /// same files with --config FILE, e.g. --write-config ledger.toml
    #[arg(long, value_name = "FILE")]
    pub write_config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub options: crate::params::ReportOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SampleFormat {
    Xlsx,
    Csv,
    Parquet,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Write a tidy ledger of N complaints instead of the legacy sample set.
    #[arg(long, value_name = "N")]
    pub rows: Option<usize>,
    /// Random seed; the same seed writes the same file.
    #[arg(long, default_value_t = 20251031)]
    pub seed: u64,
    /// File format of the tidy ledger (with --rows).
    #[arg(long, value_enum, default_value_t = SampleFormat::Xlsx)]
    pub format: SampleFormat,
    /// Output: a folder for the legacy sample [default: data/sample], a
    /// file for --rows [default: sample_<N>.<format>].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}
