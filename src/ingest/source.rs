//! Opening ledger files: which files an argument names, what format a file
//! really is (by its bytes, not its name), and the error a user sees when a
//! file cannot be used.

use std::path::{Path, PathBuf};

pub use crate::error::InputError;

/// The manifest a report folder holds (written by `report`): such a folder
/// is never read as input.
pub const REPORT_MANIFEST: &str = ".complaints-report.json";

/// The file formats a ledger can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    /// CSV or other delimited text.
    #[default]
    Text,
    /// Apache Parquet (a columnar export of a large history).
    Parquet,
}

const LEDGER_EXTENSIONS: [&str; 9] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "txt", "tsv", "parquet"];

/// Expands the inputs: files stay as given, a folder becomes the ledger
/// files directly inside it, sorted by name (Excel's `~$` lock files and
/// hidden files skipped).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.join(REPORT_MANIFEST).is_file() {
            return Err(InputError::new(
                input,
                "this folder holds a report written by complaints, not ledgers",
                "give the folder or files of the ledgers (a report's --out is never read as input)",
            ));
        }
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| {
                InputError::new(
                    input,
                    format!("the folder cannot be listed ({e})"),
                    "check the path and its permissions",
                )
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_ledger_file_name(p))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(InputError::new(
                    input,
                    "the folder holds no ledger file (.xlsx .xlsm .xls .xlsb .ods .csv .txt .parquet)",
                    "name the ledger files or a folder that holds them",
                ));
            }
            files.extend(found);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            return Err(not_a_file(input));
        }
    }
    Ok(files)
}

/// The error for a path that is neither a folder nor a regular file: it
/// does not exist, or it is a FIFO, device or socket (reading one would
/// block or never end).
pub fn not_a_file(path: &Path) -> InputError {
    match std::fs::metadata(path) {
        Err(_) => InputError::new(
            path,
            "no such file or folder",
            "check the path (run `complaints check --help` for examples)",
        ),
        Ok(meta) => InputError::new(
            path,
            format!("this is not a regular file but a {}", file_kind(&meta)),
            "give the ledger file itself (a named pipe or device cannot be read as a ledger)",
        ),
    }
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    let _ = meta;
    "special file"
}

/// An input file opened the way its format is read: text up to
/// [`MAP_FROM_BYTES`] and `.xls` files are read whole (their parsers need
/// them in memory), larger text files are mapped, and zip-based workbooks
/// and Parquet files stay files that are read through their own directory
/// (the zip's central directory, the Parquet footer), never loaded whole.
pub enum Opened {
    Bytes(Vec<u8>),
    /// Watched: a file changed while it is read is refused, not a crash.
    Mapped(super::mapping::WatchedMap),
    File(std::fs::File),
}

/// The error for a file that changed while it was read.
pub fn changed_error(path: &Path) -> InputError {
    InputError::new(
        path,
        "the file changed while it was read (another program cut it short or wrote to it)",
        "wait until the program writing it has finished (or read a copy of it) and run again",
    )
}

/// Text files from this size on are mapped rather than read into memory.
pub const MAP_FROM_BYTES: u64 = 64 << 20;

/// An Excel 97-2003 workbook holds at most 65,536 rows × 256 columns; a
/// larger `.xls` file is damaged or not a workbook (and is read whole).
const MAX_XLS_BYTES: u64 = 512 << 20;

/// Opens a ledger file: checks that it is a regular file, sniffs its format
/// from the first bytes and opens it as that format is read.
pub fn open(path: &Path) -> Result<(Format, Opened), InputError> {
    use std::io::Read as _;
    let cannot_read = |e: std::io::Error| {
        InputError::new(
            path,
            format!("the file cannot be read ({e})"),
            "check the path and that the file is not open elsewhere",
        )
    };
    // Checked before opening: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(not_a_file(path));
    }
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut head = Vec::with_capacity(8192);
    file.by_ref().take(8192).read_to_end(&mut head).map_err(cannot_read)?;
    let format = sniff_format(path, &head)?;
    let len = meta.len();
    let read_whole = |mut file: std::fs::File, mut bytes: Vec<u8>| -> Result<Opened, InputError> {
        let before = super::mapping::Stamp::of(&file).map_err(cannot_read)?;
        file.read_to_end(&mut bytes).map_err(cannot_read)?;
        // a copy of the file as it was, or the file is refused
        let after = super::mapping::Stamp::of(&file).map_err(cannot_read)?;
        if bytes.len() as u64 != len || after != before {
            return Err(changed_error(path));
        }
        Ok(Opened::Bytes(bytes))
    };
    let opened = match format {
        Format::Text if len >= MAP_FROM_BYTES && !is_utf16(&head) && super::encoding::utf16_without_bom(&head).is_none() => {
            Ok(Opened::Mapped(super::mapping::WatchedMap::new(file).map_err(cannot_read)?))
        }
        Format::Text => read_whole(file, head),
        Format::Xls if len > MAX_XLS_BYTES => Err(InputError::new(
            path,
            format!(
                "this Excel 97-2003 (.xls) file is {} MB, more than such a workbook can hold (65,536 rows × 256 columns)",
                len >> 20
            ),
            "the file is damaged or not a workbook: open it in Excel and save it as .xlsx",
        )),
        Format::Xls => read_whole(file, head),
        Format::Xlsx | Format::Xlsb | Format::Ods | Format::Parquet => Ok(Opened::File(file)),
    }?;
    Ok((format, opened))
}

fn is_utf16(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])
}

fn is_ledger_file_name(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    !name.starts_with("~$") && !name.starts_with('.') && LEDGER_EXTENSIONS.contains(&ext.as_str())
}

/// Decides the format from the first bytes, using the extension only to tell
/// zip-based formats apart. A CSV named `.xlsx` is read as text.
pub fn sniff_format(path: &Path, head: &[u8]) -> Result<Format, InputError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if head.is_empty() {
        return Err(InputError::new(path, "the file is empty", "export the ledger again"));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(match ext.as_str() {
            "xlsb" => Format::Xlsb,
            "ods" => Format::Ods,
            _ if head.windows(8).any(|w| w == b"mimetype") => Format::Ods,
            _ => Format::Xlsx,
        });
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(Format::Xls);
    }
    if head.starts_with(b"PAR1") {
        return Ok(Format::Parquet);
    }
    let sample = &head[..head.len().min(8192)];
    if super::encoding::looks_like_text(sample) {
        return Ok(Format::Text);
    }
    Err(InputError::new(
        path,
        "this is neither a spreadsheet (xlsx, xls, xlsb, ods), a text/CSV file nor a Parquet file",
        "open it in Excel and save it as .xlsx or .csv",
    ))
}

/// Guards against files that would exhaust memory (zip bombs, sheets of
/// millions of cells); `[read] max_inflated_mb` / `max_cells` in the config.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Total uncompressed size of a zip-based workbook.
    pub max_inflated_bytes: u64,
    /// Cells held at once: one row (filled cells and the gaps before them),
    /// or a sheet held whole until its merged regions are known.
    pub max_cells: u64,
    /// The text encoding of text files as the user named it (`--encoding`);
    /// `None` decides it by evidence.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_inflated_bytes: 4_000_000_000, max_cells: 50_000_000, encoding: None }
    }
}

pub const LIMIT_FIX: &str =
    "if the file is genuine, raise the limit in the config's [read] table (max_inflated_mb, max_cells); otherwise check where the file came from";

pub fn merged_too_many(path: &Path, sheet: &str, cells: u64, max_cells: u64) -> InputError {
    InputError::new(
        path,
        format!(
            "the merged cells of sheet '{sheet}' would make {cells} cells, far more than the sheet holds (limit: its own cells × 4 + 1,000,000, and max_cells {max_cells})"
        ),
        "unmerge the cells (Home > Merge & Center) in Excel and save again; a genuine ledger never merges that much",
    )
}

pub fn too_many_cells(path: &Path, sheet: &str, max_cells: u64) -> InputError {
    InputError::new(path, format!("sheet '{sheet}' holds more than {max_cells} cells"), LIMIT_FIX)
}

/// Spreadsheet-style column letter (0 → A, 26 → AA).
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16383), "XFD");
    }

    #[test]
    fn format_follows_the_bytes() {
        let p = Path::new("a.xlsx");
        assert_eq!(sniff_format(p, b"PK\x03\x04rest").ok(), Some(Format::Xlsx));
        assert_eq!(sniff_format(p, b"id,date\n1,2024-01-05\n").ok(), Some(Format::Text));
        assert_eq!(sniff_format(Path::new("a.csv"), &[0xD0, 0xCF, 0x11, 0xE0, 0]).ok(), Some(Format::Xls));
        assert_eq!(sniff_format(Path::new("h.parquet"), b"PAR1\x15\x04\x00").ok(), Some(Format::Parquet));
        assert!(sniff_format(p, b"").is_err());
        assert!(sniff_format(p, &[1, 0, 2, 0, 3]).is_err());
    }
}
