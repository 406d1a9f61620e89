//! Which encoding a text ledger is in, decided by evidence: a byte-order
//! mark; UTF-16 without one by its pattern of NUL bytes; valid UTF-8; else
//! the legacy encoding — CP949 (Korean Excel), Shift-JIS (Japanese), or
//! Windows-1252 (Latin-1 and its superset, Western Europe and the Americas)
//! — that decodes without errors and gives the likeliest text (Hangul
//! syllables in common use, kana and common kanji, accented letters inside
//! words). When the evidence is thin, a note says which was chosen and how
//! to choose another (`--encoding NAME`). Stray NUL bytes are removed, with
//! a note naming the lines.

use encoding_rs::{Encoding, EUC_KR, SHIFT_JIS, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// How a text ledger was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Cp949,
    ShiftJis,
    Windows1252,
    /// Lines in different encodings (a file appended to by two programs).
    Mixed,
    /// As `--encoding` (or `[read] encoding`) named it.
    Named(&'static Encoding),
}

impl TextEncoding {
    /// The name `check` shows (`Cp949`, `Windows1252`, …).
    pub fn label(self) -> String {
        match self {
            TextEncoding::Named(e) => e.name().to_string(),
            other => format!("{other:?}"),
        }
    }

    /// The name to give `--encoding` for this encoding.
    pub fn flag_name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => "utf-8",
            TextEncoding::Utf16 => "utf-16le",
            TextEncoding::Cp949 | TextEncoding::Mixed => "cp949",
            TextEncoding::ShiftJis => "shift_jis",
            TextEncoding::Windows1252 => "windows-1252",
            TextEncoding::Named(e) => e.name(),
        }
    }
}

/// The text, how it was decoded, and notes (NUL bytes, a doubtful choice).
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: TextEncoding,
    pub notes: Vec<String>,
}

/// The encoding `--encoding NAME` names: any WHATWG label (`euc-kr`,
/// `shift_jis`, `latin1`, `utf-16le` …) and `cp949`/`uhc`.
pub fn by_name(name: &str) -> Option<&'static Encoding> {
    let n = name.trim().to_ascii_lowercase();
    match n.as_str() {
        "cp949" | "uhc" | "ms949" => Some(EUC_KR),
        "cp932" => Some(SHIFT_JIS),
        "cp1252" => Some(WINDOWS_1252),
        _ => Encoding::for_label(n.as_bytes()),
    }
}

/// UTF-16 without a byte-order mark, by its NUL bytes: ASCII text in UTF-16
/// puts a NUL in every other byte (the first of each pair in big-endian,
/// the second in little-endian) and printable text in the others.
pub fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(8192) & !1];
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut nul_first, mut nul_second, mut printable) = (0usize, 0usize, 0usize);
    for pair in head.chunks_exact(2) {
        let (a, b) = (pair[0], pair[1]);
        nul_first += usize::from(a == 0);
        nul_second += usize::from(b == 0);
        let other = if a == 0 { b } else { a };
        printable += usize::from(other == b'\t' || other == b'\n' || other == b'\r' || (0x20..0x7F).contains(&other));
    }
    let text_like = printable * 10 >= pairs * 5;
    if text_like && nul_first * 10 >= pairs * 3 && nul_second * 20 < pairs {
        Some(UTF_16BE)
    } else if text_like && nul_second * 10 >= pairs * 3 && nul_first * 20 < pairs {
        Some(UTF_16LE)
    } else {
        None
    }
}

/// Whether the first bytes of a file are text: UTF-16 (with or without a
/// byte-order mark), bytes without NUL, or a few stray NULs (at most 5 %,
/// with at most 5 % other control bytes; random binary has over 10 %) — a
/// damaged export, not a binary file.
pub fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || utf16_without_bom(head).is_some() {
        return true;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head.iter().filter(|&&b| (1..0x20).contains(&b) && !matches!(b, b'\t' | b'\n' | b'\r')).count();
    nul == 0 || (nul * 20 <= head.len() && control * 20 <= head.len())
}

/// Decodes the bytes of a text ledger (see the module's rules); `forced`
/// is the encoding the user named.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> Decoded<'a> {
    if let Some(e) = forced {
        let (text, _) = e.decode_with_bom_removal(bytes);
        return Decoded { text: Cow::Owned(text.into_owned()), encoding: TextEncoding::Named(e), notes: Vec::new() };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return with_nuls_removed(rest, |b| (String::from_utf8_lossy(b), TextEncoding::Utf8Bom, Vec::new()));
    }
    for (bom, e) in [([0xFF, 0xFE], UTF_16LE), ([0xFE, 0xFF], UTF_16BE)] {
        if bytes.starts_with(&bom) {
            let text = e.decode_with_bom_removal(&bytes[2..]).0.into_owned();
            return Decoded { text: Cow::Owned(text), encoding: TextEncoding::Utf16, notes: Vec::new() };
        }
    }
    if let Some(e) = utf16_without_bom(bytes) {
        let text = e.decode_without_bom_handling(bytes).0.into_owned();
        let note = format!("{} without a byte-order mark (told by its NUL bytes)", e.name());
        return Decoded { text: Cow::Owned(text), encoding: TextEncoding::Utf16, notes: vec![note] };
    }
    with_nuls_removed(bytes, legacy_or_utf8)
}

/// Decodes `bytes` with `decode` after taking out NUL bytes, with a note
/// naming the lines that held them.
fn with_nuls_removed<'a>(
    bytes: &'a [u8],
    decode: impl FnOnce(&[u8]) -> (Cow<'_, str>, TextEncoding, Vec<String>),
) -> Decoded<'a> {
    if memchr::memchr(0, bytes).is_none() {
        let (text, encoding, notes) = decode(bytes);
        return Decoded { text, encoding, notes };
    }
    let mut lines = Vec::new();
    let mut line = 1usize;
    let mut clean = Vec::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            0 => {
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
            }
            b'\n' => {
                line += 1;
                clean.push(b);
            }
            _ => clean.push(b),
        }
    }
    let (text, encoding, mut notes) = decode(&clean);
    let shown: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    notes.push(format!(
        "warning: NUL bytes removed from line{} {}{} (a damaged or padded export; check those rows)",
        if lines.len() == 1 { "" } else { "s" },
        shown.join(", "),
        if lines.len() > 10 { format!(" and {} more", lines.len() - 10) } else { String::new() }
    ));
    Decoded { text: Cow::Owned(text.into_owned()), encoding, notes }
}

/// Valid UTF-8 as it is; lines of UTF-8 and of a legacy encoding mixed,
/// line by line; else the likeliest legacy encoding.
fn legacy_or_utf8(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding, Vec<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), TextEncoding::Utf8, Vec::new());
    }
    let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    let utf8_lines = lines.iter().filter(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok()).count();
    let legacy: Vec<u8> =
        lines.iter().filter(|l| std::str::from_utf8(l).is_err()).flat_map(|l| l.iter().copied()).collect();
    let (encoding, notes) = likeliest_legacy(&legacy);
    let e = match encoding {
        TextEncoding::ShiftJis => SHIFT_JIS,
        TextEncoding::Windows1252 => WINDOWS_1252,
        _ => EUC_KR,
    };
    if utf8_lines > 0 {
        let mut out = String::with_capacity(bytes.len());
        for line in lines {
            match std::str::from_utf8(line) {
                Ok(text) => out.push_str(text),
                Err(_) => out.push_str(&e.decode_without_bom_handling(line).0),
            }
        }
        return (Cow::Owned(out), TextEncoding::Mixed, notes);
    }
    (Cow::Owned(e.decode_without_bom_handling(bytes).0.into_owned()), encoding, notes)
}

/// The legacy encoding whose reading of `bytes` (not UTF-8) is likeliest,
/// and a note when that is not clear.
fn likeliest_legacy(bytes: &[u8]) -> (TextEncoding, Vec<String>) {
    let sample = &bytes[..bytes.len().min(256 << 10)];
    let decodes = |e: &'static Encoding| {
        e.decode_without_bom_handling_and_without_replacement(sample).is_some()
        // the sample may end inside a character
        || e.decode_without_bom_handling_and_without_replacement(&sample[..sample.len().saturating_sub(1)]).is_some()
    };
    let mut scored: Vec<(f64, TextEncoding)> = Vec::new();
    if decodes(EUC_KR) {
        scored.push((likelihood(sample, cp949_unit), TextEncoding::Cp949));
    }
    if decodes(SHIFT_JIS) {
        scored.push((likelihood(sample, shift_jis_unit), TextEncoding::ShiftJis));
    }
    scored.push((likelihood(sample, windows_1252_unit), TextEncoding::Windows1252));
    // ties keep the order above: Korean first, the ledgers' usual language
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, chosen) = scored[0];
    let runner_up = scored.get(1).map_or(0.0, |s| s.0);
    let mut notes = Vec::new();
    if best < 0.8 || best - runner_up < 0.2 {
        let others: Vec<&str> = scored[1..].iter().map(|(_, e)| e.flag_name()).collect();
        notes.push(format!(
            "warning: the text encoding is not certain — read as {} ({:.0} % of its non-ASCII characters look like text{}); if names look garbled, run with --encoding {}",
            chosen.flag_name(),
            best * 100.0,
            if others.is_empty() { String::new() } else { format!(", next {:.0} %", runner_up * 100.0) },
            others.first().copied().unwrap_or("NAME")
        ));
    }
    (chosen, notes)
}

/// The share of a text's non-ASCII characters that an encoding reads as
/// likely text. `unit(bytes, i)` reads the character at `i`: its length
/// and whether it is likely.
fn likelihood(bytes: &[u8], unit: fn(&[u8], usize) -> (usize, bool)) -> f64 {
    let (mut total, mut good, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let (len, likely) = unit(bytes, i);
        total += 1;
        good += usize::from(likely);
        i += len.max(1);
    }
    if total == 0 {
        1.0
    } else {
        good as f64 / total as f64
    }
}

/// CP949: Hangul syllables in common use (KS X 1001: lead B0–C8, trail
/// A1–FE) and its symbols (lead A1–AC) are likely; the rare syllables of
/// the extension (trail below A1) and hanja are not.
fn cp949_unit(b: &[u8], i: usize) -> (usize, bool) {
    let lead = b[i];
    let trail = b.get(i + 1).copied().unwrap_or(0);
    (2, trail >= 0xA1 && matches!(lead, 0xA1..=0xAC | 0xB0..=0xC8))
}

/// Shift-JIS: kana (lead 82, 83), common kanji (lead 88–9F) and symbols
/// (lead 81) are likely; half-width katakana (A1–DF, one byte) and the
/// rare kanji of level 2 (lead E0–EA) are not.
fn shift_jis_unit(b: &[u8], i: usize) -> (usize, bool) {
    let lead = b[i];
    if (0xA1..=0xDF).contains(&lead) {
        return (1, false);
    }
    (2, matches!(lead, 0x81..=0x83 | 0x88..=0x9F))
}

/// Windows-1252: a Latin letter with an accent (C0–FF) beside a letter, or
/// typographic punctuation (quotes, dashes, €, °) is likely; control codes
/// and other symbols are not.
fn windows_1252_unit(b: &[u8], i: usize) -> (usize, bool) {
    let c = b[i];
    let letter = |x: u8| x.is_ascii_alphabetic() || (x >= 0xC0 && x != 0xD7 && x != 0xF7);
    let beside_letter = (i > 0 && letter(b[i - 1])) || b.get(i + 1).is_some_and(|&n| letter(n));
    let punctuation = matches!(c, 0x80 | 0x85 | 0x91..=0x94 | 0x96 | 0x97 | 0xAA | 0xAB | 0xB0 | 0xBA | 0xBB | 0xA7);
    (1, (letter(c) && beside_letter) || punctuation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(e: &'static Encoding, s: &str) -> Vec<u8> {
        e.encode(s).0.into_owned()
    }

    #[test]
    fn legacy_encodings_by_the_likeliest_text() {
        let cases = [
            (EUC_KR, "접수일,고객,불량유형\n2024-01-05,대원산업,이물\n2024-01-06,한성,외관불량\n", TextEncoding::Cp949),
            (SHIFT_JIS, "受付日,顧客,不具合区分\n2024-01-05,大和工業,異物\n2024-01-06,さくら電機,外観不良\n", TextEncoding::ShiftJis),
            (WINDOWS_1252, "Date,Société,Catégorie\n2024-01-05,Société Générale,Réclamation\n2024-01-06,Açaí Ltda,Cobrança indevida\n", TextEncoding::Windows1252),
        ];
        for (e, text, want) in cases {
            let bytes = encode(e, text);
            let d = decode(&bytes, None);
            assert_eq!((d.encoding, d.text.as_ref()), (want, text), "{}", e.name());
            assert!(d.notes.is_empty(), "{}: {:?}", e.name(), d.notes);
        }
    }

    #[test]
    fn utf16_without_a_bom_and_stray_nuls() {
        let text = "received_date,customer\n2024-01-05,ACME\n";
        for e in [UTF_16BE, UTF_16LE] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if e == UTF_16BE { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect();
            assert!(looks_like_text(&bytes));
            let d = decode(&bytes, None);
            assert_eq!((d.encoding, d.text.as_ref()), (TextEncoding::Utf16, text));
        }
        let d = decode(b"a,b\n1,x\x00\x00y\n2,z\n3,\x00w\n", None);
        assert_eq!(d.text, "a,b\n1,xy\n2,z\n3,w\n");
        assert!(d.notes[0].contains("lines 2, 4"), "{:?}", d.notes);
        assert!(!looks_like_text(&[1, 0, 2, 0, 3, 0, 0, 0, 7, 0, 1, 2, 0, 0, 0, 0, 9]));
    }

    #[test]
    fn a_named_encoding_wins_and_names_are_forgiving() {
        assert_eq!(by_name("CP949"), Some(EUC_KR));
        assert_eq!(by_name("latin1"), Some(WINDOWS_1252));
        assert_eq!(by_name("sjis"), Some(SHIFT_JIS));
        assert_eq!(by_name("klingon"), None);
        let bytes = encode(WINDOWS_1252, "Société\n");
        assert_eq!(decode(&bytes, Some(EUC_KR)).encoding, TextEncoding::Named(EUC_KR));
    }
}
