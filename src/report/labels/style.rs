//! Text style rules of the catalogue: amounts with thousands separators,
//! and the 개조식 check of Korean report text.

/// `12,340,000`: an amount in whole units with thousands separators, as
/// the workbook's `#,##0` cells show it.
pub fn thousands(x: f64) -> String {
    let n = x.round();
    let digits = format!("{:.0}", n.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Where a Korean report text breaks the 개조식 of a quality report: a
/// sentence ending of 합쇼체 ("…입니다", "못 미칩니다"), 해요체 or 해라체
/// ("…넘었다"), or a `;` (the delimiter's own name `(;)` aside). Returns
/// the word or mark at fault.
pub fn not_terse(text: &str) -> Option<String> {
    const ENDINGS: [&str; 20] = [
        "니다", "니까", "세요", "어요", "아요", "해요", "에요", "예요", "었다", "았다", "였다", "했다", "한다", "된다",
        "있다", "없다", "않다", "이다", "진다", "는다",
    ];
    if text.replace("(;)", "").contains(';') {
        return Some(";".into());
    }
    text.split(|c: char| !('가'..='힣').contains(&c))
        .find(|word| ENDINGS.iter().any(|e| word.ends_with(e)))
        .map(str::to_string)
}
