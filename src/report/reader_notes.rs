//! The reader's messages in Korean for a Korean workbook: the messages of
//! ingest (record.rs, layout.rs, csv.rs, parquet.rs) are few and fixed; their
//! numbers and names are kept. `check` and rejects.csv keep the English.

/// The Korean of one of the reader's fixed messages (ingest/record.rs,
/// layout.rs, csv.rs, parquet.rs), with its numbers and names.
pub fn korean(note: &str) -> Option<String> {
    let fixed = [
        (
            "error value in the cell (#N/A, #REF!, #SPILL! …); left blank",
            "오류 값 (#N/A, #REF!, #SPILL! …): 빈 칸으로 처리",
        ),
        ("not a date and not a status word; left blank (open)", "날짜도 상태 단어도 아님: 빈 칸(미결)으로 처리"),
        ("not a date; left blank", "날짜가 아님: 빈 칸으로 처리"),
        (
            "not a yes/no word (Y, N, 예, 아니오, ○, X, 해당, 비해당 …); counted as no",
            "예/아니오 단어가 아님 (Y, N, 예, 아니오, ○, X, 해당, 비해당 …): 아니오로 처리",
        ),
        ("empty sheet", "빈 시트"),
    ];
    if let Some((_, ko)) = fixed.iter().find(|(en, _)| *en == note) {
        return Some(ko.to_string());
    }
    if let Some(rest) = note.strip_prefix("encoding ") {
        let (encoding, delimiter) = rest.split_once(", delimiter ")?;
        let delimiter = match delimiter {
            "tab" => "탭",
            "','" => "쉼표(,)",
            "';'" => "세미콜론(;)",
            "'|'" => "세로선(|)",
            d => d,
        };
        let encoding = match encoding {
            "Cp949" => "CP949 (EUC-KR)",
            "Utf8" => "UTF-8",
            "Utf8Bom" => "UTF-8 (BOM)",
            "Utf16" => "UTF-16",
            "ShiftJis" => "Shift-JIS",
            "Windows1252" => "Windows-1252 (Latin-1)",
            "Mixed" => "행마다 다름 (UTF-8/CP949 혼합)",
            e => e,
        };
        return Some(format!("인코딩 {encoding}, 구분자 {delimiter}"));
    }
    if let Some(rest) = note.strip_prefix("warning: NUL bytes removed from line") {
        let lines = rest.trim_start_matches('s').trim_start().split(" (").next()?;
        return Some(format!("주의: NUL 바이트를 지움 — {lines}행 (손상되었거나 채워진 내보내기: 해당 행 확인)"));
    }
    if let Some(rest) = note.strip_prefix("warning: the text encoding is not certain — read as ") {
        let (chosen, rest) = rest.split_once(" (")?;
        let other = rest.rsplit("--encoding ").next()?;
        return Some(format!(
            "주의: 인코딩 불확실 — {chosen}(으)로 읽음, 글자가 깨지면 --encoding {other} 로 다시 실행"
        ));
    }
    if let Some(rest) = note.strip_suffix(" without a byte-order mark (told by its NUL bytes)") {
        return Some(format!("{rest} (BOM 없음, NUL 바이트로 판단)"));
    }
    if note == "a column of dates but no header naming a field, beside a ledger sheet (not read)" {
        return Some(
            "날짜 열은 있으나 항목을 나타내는 머리글이 없음: 대장 시트 옆의 보조 시트 (읽지 않음)".to_string(),
        );
    }
    if note == "no header row; no column is recognised as the received date" {
        return Some("머리글 행 없음: 접수일로 알아볼 열이 없음".to_string());
    }
    if let Some(rest) = note.strip_prefix("no column of header row ") {
        let n = rest.strip_suffix(" is recognised as the received date")?;
        return Some(format!("{n}행 머리글에 접수일로 알아볼 열이 없음"));
    }
    if let Some(rest) =
        note.strip_prefix("received more than a year after every other date of the file (the latest before it: ")
    {
        let before = rest.split(')').next()?;
        return Some(format!(
            "파일의 다른 모든 날짜보다 1년 넘게 늦은 접수일 (그 전 마지막 날짜 {before}): 그대로 둠 — 연도 확인"
        ));
    }
    if let Some(rest) = note.strip_prefix("no header row in the first ") {
        let n = rest.strip_suffix(" rows (not a ledger)")?;
        return Some(format!("처음 {n}행에 머리글 행이 없음 (대장 아님)"));
    }
    if let Some(rest) = note.strip_prefix("header-like row ") {
        let n = rest.strip_suffix(" but no received-date column and no column of dates (not a ledger)")?;
        return Some(format!("{n}행이 머리글처럼 보이나 접수일 열도 날짜 열도 없음 (대장 아님)"));
    }
    if let Some(rest) = note.strip_prefix("warning: column ") {
        let (column, rest) = rest.split_once(" (")?;
        let (field, reason) = rest.split_once(") holds dates in both orders — ")?;
        return Some(format!(
            "주의: {column}열({field})에 일/월 순서가 다른 날짜가 섞여 있음 — {}",
            ko_date_order(reason)
        ));
    }
    if let Some(rest) = note.strip_prefix("column '") {
        let (name, _) = rest.split_once("' (")?;
        note.ends_with("cannot be decoded: left blank").then(|| format!("'{name}' 열을 읽을 수 없음: 빈 칸으로 처리"))
    } else {
        None
    }
}

/// The reason a date column was read day-first or month-first, in Korean.
fn ko_date_order(reason: &str) -> String {
    let words = [
        ("values read day-first and", "개 값은 일-월 순서로,"),
        ("month-first by their own parts,", "개 값은 월-일 순서로 읽힘 (값 자체로 판단),"),
        ("undecidable read", "개 판단 불가 값은"),
        ("day-first", "일-월 순서"),
        ("month-first", "월-일 순서"),
        ("(the configured order on a tie)", "로 읽음 (동수: 설정된 순서)"),
        ("(the majority)", "로 읽음 (다수 순서)"),
        ("mixed: ", "혼합: "),
        (
            "values have a first part over 12, none a second part over 12",
            "개 값의 앞부분이 12 초과, 뒷부분이 12를 넘는 값 없음",
        ),
        (
            "values have a second part over 12, none a first part over 12",
            "개 값의 뒷부분이 12 초과, 앞부분이 12를 넘는 값 없음",
        ),
    ];
    let mut out = reason.to_string();
    for (en, ko) in words {
        // a word glued to the number before it (`5개`); the order names
        // keep their space
        out = if en.ends_with("-first") {
            out.replace(en, ko)
        } else {
            out.replace(&format!(" {en}"), ko).replace(en, ko)
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_messages_in_korean() {
        for (en, ko) in [
            ("encoding Cp949, delimiter ','", "인코딩 CP949 (EUC-KR), 구분자 쉼표(,)"),
            ("encoding Utf8Bom, delimiter tab", "인코딩 UTF-8 (BOM), 구분자 탭"),
            ("no header row in the first 30 rows (not a ledger)", "처음 30행에 머리글 행이 없음 (대장 아님)"),
            (
                "header-like row 2 but no received-date column and no column of dates (not a ledger)",
                "2행이 머리글처럼 보이나 접수일 열도 날짜 열도 없음 (대장 아님)",
            ),
            ("not a date; left blank", "날짜가 아님: 빈 칸으로 처리"),
            ("encoding Windows1252, delimiter ';'", "인코딩 Windows-1252 (Latin-1), 구분자 세미콜론(;)"),
            (
                "warning: NUL bytes removed from lines 2, 4 (a damaged or padded export; check those rows)",
                "주의: NUL 바이트를 지움 — 2, 4행 (손상되었거나 채워진 내보내기: 해당 행 확인)",
            ),
            ("no column of header row 3 is recognised as the received date", "3행 머리글에 접수일로 알아볼 열이 없음"),
            (
                "received more than a year after every other date of the file (the latest before it: 2019-06-05); kept — check the year",
                "파일의 다른 모든 날짜보다 1년 넘게 늦은 접수일 (그 전 마지막 날짜 2019-06-05): 그대로 둠 — 연도 확인",
            ),
            (
                "warning: column C (received_date) holds dates in both orders — mixed: 5 values read day-first and 3 month-first by their own parts, 2 undecidable read day-first (the majority)",
                "주의: C열(received_date)에 일/월 순서가 다른 날짜가 섞여 있음 — 혼합: 5개 값은 일-월 순서로, 3개 값은 월-일 순서로 읽힘 (값 자체로 판단), 2개 판단 불가 값은 일-월 순서로 읽음 (다수 순서)",
            ),
        ] {
            assert_eq!(korean(en).as_deref(), Some(ko), "{en}");
            assert_eq!(crate::report::labels::not_terse(ko), None, "{ko}");
        }
        assert_eq!(korean("something new"), None);
    }
}
