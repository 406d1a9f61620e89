//! Progress on a terminal only: quiet when stderr is a pipe, a file or CI.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `total` steps when stderr is a terminal, a hidden one otherwise.
pub fn bar(total: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{spinner} {prefix} [{bar:30}] {pos}/{len} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(what.to_string());
    bar
}

/// A spinner with a message for a stage of unknown length (terminal only).
pub fn spinner(what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner();
    spinner.set_message(what.to_string());
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    spinner
}

/// With `COMPLAINTS_TIMING` set, prints how long a stage took since `start`
/// (stderr) and restarts the clock.
pub fn lap(start: &mut std::time::Instant, stage: &str) {
    if std::env::var_os("COMPLAINTS_TIMING").is_some() {
        crate::error::eprint(&format!("timing: {stage:<8} {:>8.3} s{}", start.elapsed().as_secs_f64(), memory()));
    }
    *start = std::time::Instant::now();
}

/// ` · rss N MB, peak M MB` of this process, for the timing lines (Linux
/// only; empty elsewhere).
pub fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    format!(" · rss {} MB, peak {} MB", kb("VmRSS:") / 1024, kb("VmHWM:") / 1024)
}
