//! `report.html`: the Summary as one self-contained page (issue 12) — the
//! findings, the KPI block and three inline SVG charts, nothing fetched from
//! a file or the network, and on A4 landscape when printed (a page per chart).

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `report` on the sample in `lang`; the page and the summary.
fn sample_page(dir: &Path, lang: &str) -> (String, Value) {
    let sample = repo().join("data/sample");
    let o = run_in(dir, &["report", sample.to_str().unwrap_or(""), "--out", "out", "--lang", lang]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("report.html"), "{}", stdout(&o));
    let html = std::fs::read_to_string(dir.join("out/report.html")).expect("report.html");
    let s = serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary")).expect("json");
    (html, s)
}

/// A headless Chromium, when this machine has one.
fn browser() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
    })
}

#[test]
fn the_page_is_self_contained_and_carries_the_figures() {
    let dir = tempdir();
    let (html, s) = sample_page(dir.path(), "ko");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"ko\">"), "{}", &html[..200]);
    // nothing the e-mail client would have to fetch
    for reference in ["src=", "href=", "url(", "@import", "<link", "<script", "<img", "<iframe"] {
        assert!(!html.contains(reference), "report.html refers to something outside it: {reference}");
    }
    assert_eq!(html.matches("<svg ").count(), 3, "trend, Pareto and control chart inline");
    assert!(html.contains("<h1>고객불만 월간 보고 2025-10</h1>"), "title");
    // the KPI block holds the summary's figures
    let month = &s["month"];
    let received = month["received"].as_u64().unwrap_or(0);
    assert!(html.contains(&format!("<td>접수</td><td class=\"n\">{received}</td>")), "received {received}");
    // every state and arrow says itself in words (a black-and-white print)
    assert!(html.contains("<th>증감</th><th>상태</th>"), "state and change headers");
    assert!(html.contains("<td class=\"arrow\">▲ 증가</td><td class=\"rag amber\">주의</td>"), "received: up, watch");
    for class in ["rag red", "rag amber", "rag green"] {
        for row in html.split("<tr>").filter(|r| r.contains(&format!("class=\"{class}\""))) {
            assert!(!row.contains(&format!("class=\"{class}\"></td>")), "a state shown by colour only: {row}");
        }
    }
    let on_time = month["on_time_rate"].as_f64().unwrap_or(-1.0);
    assert!(html.contains(&format!("{:.1} %", on_time * 100.0)), "on-time rate {on_time}");
    // the findings come first, the overdue one naming the oldest complaint
    let findings = html.find("<ul class=\"findings\">").expect("findings");
    assert!(findings < html.find("<table class=\"kpi\">").expect("kpi table"));
    let oldest = s["overdue"][0]["complaint_id"].as_str().unwrap_or("?");
    assert!(html[findings..].contains(oldest), "oldest overdue {oldest}");
}

#[test]
fn the_page_prints_on_a4_landscape_with_a_page_per_chart() {
    let Some(chromium) = browser() else {
        skipped("the A4 print check of report.html needs Chromium (apt-get install chromium)");
        return;
    };
    for lang in ["ko", "en"] {
        let dir = tempdir();
        sample_page(dir.path(), lang);
        let page = dir.path().join("out/report.html");
        let pdf = dir.path().join("print.pdf");
        let o = std::process::Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("chromium runs");
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF: {}", String::from_utf8_lossy(&o.stderr)));
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        // the findings and the KPI block, then the three charts a page each
        // (across the page, their text at 8 pt or more)
        assert_eq!(pages, 4, "{lang}: report.html prints on {pages} pages");
        // A4 landscape: 842 × 595 points
        let media = text.find("/MediaBox [0 0 ").map(|i| &text[i + 15..]).unwrap_or_default();
        let size: Vec<f64> =
            media.split(']').next().unwrap_or_default().split(' ').filter_map(|x| x.parse().ok()).collect();
        assert!(size.len() == 2 && (size[0] - 842.0).abs() < 1.0 && (size[1] - 595.0).abs() < 1.0, "{lang}: {size:?}");
    }
}

#[test]
fn no_text_of_the_page_is_set_below_8_pt() {
    for lang in ["ko", "en"] {
        let dir = tempdir();
        let (html, _) = sample_page(dir.path(), lang);
        let style = &html[html.find("<style>").expect("style")..html.find("</style>").expect("style end")];
        let sizes: Vec<f64> = style
            .split("font-size:")
            .skip(1)
            .filter_map(|rest| rest.trim_start().split("pt").next()?.parse().ok())
            .collect();
        assert!(!sizes.is_empty(), "{lang}: no font sizes in pt");
        for size in sizes {
            assert!(size >= 8.0, "{lang}: a text set at {size} pt (the print rule: 8 pt or more)");
        }
    }
}
