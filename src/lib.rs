//! `complaints`: customer-complaint ledgers → the monthly complaint report.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`ingest`] (files → one clean polars table + data quality) →
//! `metrics` (pure functions over the table) → `report` (one writer per
//! output format over one computed report value). [`metrics::history`] records each
//! report's snapshot and compares it with the last one. [`cmd`] holds the
//! thin subcommands that wire them together.

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod cmd;
pub mod config;
pub mod error;
pub mod files;
pub mod ingest;
pub mod metrics;
pub mod params;
pub mod progress;
pub mod report;
pub mod sample;
pub mod side_files;
pub mod text;
pub mod threads;

#[cfg(test)]
mod architecture_tests;
