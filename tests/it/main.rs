//! The integration tests, one binary (it links polars once): each module
//! runs `complaints` or the library on fixture ledgers and checks what a
//! user gets. `cargo test --test it MODULE::` runs one module.

mod bad_inputs;
mod caveats;
#[path = "../common/mod.rs"]
mod common;
mod data_sheet;
mod export;
mod faults;
mod foreign;
mod golden;
mod history;
mod hostile;
mod html;
mod ingest;
mod label_fit;
mod metrics;
mod print;
mod procedure;
mod properties;
mod sample;
mod sample_procedure;
mod scale;
mod sources;
mod ticketing;
mod u_chart;
mod unfamiliar;
mod workbook;
