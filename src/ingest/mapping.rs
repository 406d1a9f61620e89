//! Files read through a memory map (large CSV files, Parquet files) that
//! another program changes while they are read: an export still being
//! written, a file on a network share replaced. The kernel answers a read
//! of a page past a file's new end with SIGBUS, which would end the run
//! without a word. While a file is mapped here, a SIGBUS handler puts zero
//! pages in place of the rest of its mapping — the read goes on, over
//! zeros — and marks the file as cut short; the reader then refuses the
//! file by name (`source::changed_error`, exit 2). A SIGBUS anywhere else keeps
//! the effect it had before.

use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

/// A read-only map of a file, watched for the file changing under it.
pub struct WatchedMap {
    map: memmap2::Mmap,
    file: File,
    before: Stamp,
    /// The entry of [`SLOTS`] that covers the map (none: not watched).
    slot: Option<usize>,
}

impl WatchedMap {
    /// Maps `file` read-only and watches it.
    pub fn new(file: File) -> std::io::Result<WatchedMap> {
        let before = Stamp::of(&file)?;
        // SAFETY: the map is read-only, and a file cut short under it no
        // longer kills the process: the handler below puts zeros in place
        // of the missing pages, and `changed` tells the reader.
        let map = unsafe { memmap2::Mmap::map(&file) }?;
        let slot = watch(map.as_ptr() as usize, map.len());
        Ok(WatchedMap { map, file, before, slot })
    }

    /// Whether the file was cut short, or its size or time of change
    /// differ from when it was mapped: what was read is not the file.
    pub fn changed(&self) -> bool {
        self.slot.is_some_and(|s| SLOTS[s].cut.load(SeqCst))
            || Stamp::of(&self.file).ok().as_ref() != Some(&self.before)
    }
}

impl std::ops::Deref for WatchedMap {
    type Target = memmap2::Mmap;

    fn deref(&self) -> &memmap2::Mmap {
        &self.map
    }
}

impl Drop for WatchedMap {
    fn drop(&mut self) {
        if let Some(s) = self.slot {
            // no longer watched before the map goes (the field drops after this)
            SLOTS[s].end.store(0, SeqCst);
            SLOTS[s].start.store(0, SeqCst);
            SLOTS[s].cut.store(false, SeqCst);
            SLOTS[s].taken.store(false, SeqCst);
        }
    }
}

/// A file's size and time of last change, to tell whether it changed.
#[derive(Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub fn of(file: &File) -> std::io::Result<Stamp> {
        let meta = file.metadata()?;
        Ok(Stamp { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// A watched address range; `end == 0` when free.
struct Slot {
    taken: AtomicBool,
    start: AtomicUsize,
    end: AtomicUsize,
    cut: AtomicBool,
}

/// Files mapped at once: one per reader thread in practice.
static SLOTS: [Slot; 64] = [const {
    Slot {
        taken: AtomicBool::new(false),
        start: AtomicUsize::new(0),
        end: AtomicUsize::new(0),
        cut: AtomicBool::new(false),
    }
}; 64];

/// Watches `len` bytes from `start`; `None` when every slot is taken (the
/// map is read unwatched) or on a platform without the handler.
fn watch(start: usize, len: usize) -> Option<usize> {
    if len == 0 || !handler::install() {
        return None;
    }
    let s = SLOTS.iter().position(|s| s.taken.compare_exchange(false, true, SeqCst, SeqCst).is_ok())?;
    SLOTS[s].cut.store(false, SeqCst);
    SLOTS[s].start.store(start, SeqCst);
    SLOTS[s].end.store(start + len, SeqCst);
    Some(s)
}

#[cfg(target_os = "linux")]
mod handler {
    use super::{SeqCst, SLOTS};
    use std::sync::atomic::{AtomicBool, AtomicUsize};
    use std::sync::OnceLock;

    static INSTALLED: OnceLock<bool> = OnceLock::new();
    /// The SIGBUS action before ours, for faults that are not ours.
    static PREVIOUS: OnceLock<libc::sigaction> = OnceLock::new();
    static PAGE: AtomicUsize = AtomicUsize::new(4096);
    static RESTORED: AtomicBool = AtomicBool::new(false);

    /// Installs the SIGBUS handler once; whether it is in place.
    pub fn install() -> bool {
        *INSTALLED.get_or_init(|| {
            // SAFETY: plain libc calls with initialised structures; the
            // handler only reads atomics and calls mmap/sigaction/raise.
            unsafe {
                let page = libc::sysconf(libc::_SC_PAGESIZE);
                if page > 0 {
                    PAGE.store(page as usize, SeqCst);
                }
                let mut ours: libc::sigaction = std::mem::zeroed();
                let handler: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) = on_sigbus;
                ours.sa_sigaction = handler as libc::sighandler_t;
                ours.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                libc::sigemptyset(&mut ours.sa_mask);
                let mut previous: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(libc::SIGBUS, &ours, &mut previous) != 0 {
                    return false;
                }
                PREVIOUS.get_or_init(|| previous);
                true
            }
        })
    }

    extern "C" fn on_sigbus(signal: libc::c_int, info: *mut libc::siginfo_t, _context: *mut libc::c_void) {
        // SAFETY: the kernel passes a valid siginfo for an SA_SIGINFO handler.
        let (addr, code) = unsafe { ((*info).si_addr() as usize, (*info).si_code) };
        let page = PAGE.load(SeqCst);
        for slot in &SLOTS {
            let (start, end) = (slot.start.load(SeqCst), slot.end.load(SeqCst));
            if start <= addr && addr < end {
                // zeros from the faulting page to the end of the map; the
                // read that faulted runs again and finds them
                let from = addr / page * page;
                let to = end.div_ceil(page) * page;
                // SAFETY: the range lies inside a map this module watches,
                // which nothing else uses while it is read.
                let zeros = unsafe {
                    libc::mmap(
                        from as *mut libc::c_void,
                        to - from,
                        libc::PROT_READ,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                        -1,
                        0,
                    )
                };
                if zeros != libc::MAP_FAILED {
                    slot.cut.store(true, SeqCst);
                    return;
                }
            }
        }
        // Not a watched file's: the action from before takes over. A fault
        // happens again when the handler returns; a sent signal is sent again.
        if !RESTORED.swap(true, SeqCst) {
            // SAFETY: sigaction and raise are async-signal-safe.
            unsafe {
                let mut default: libc::sigaction = std::mem::zeroed();
                default.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(signal, PREVIOUS.get().unwrap_or(&default), std::ptr::null_mut());
            }
        }
        if code <= 0 {
            // SAFETY: as above
            unsafe {
                libc::raise(signal);
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod handler {
    /// Elsewhere a file cut short under its map still ends the run.
    pub fn install() -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cut_short_under_its_map_reads_as_zeros_and_is_changed() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("cut.csv");
        std::fs::write(&path, vec![b'x'; 1 << 20]).expect("write");
        let map = WatchedMap::new(File::open(&path).expect("open")).expect("map");
        assert!(!map.changed());
        assert_eq!(map[(1 << 20) - 1], b'x');
        std::fs::OpenOptions::new().write(true).open(&path).and_then(|f| f.set_len(8192)).expect("truncate");
        #[cfg(target_os = "linux")]
        {
            // the pages still cached are dropped with the truncation: the
            // read faults, and the handler answers it with zeros
            assert_eq!(map[(1 << 20) - 1], 0);
            assert_eq!(map[600_000], 0);
        }
        assert!(map.changed());
        let slot = map.slot;
        drop(map);
        assert!(slot.is_none_or(|s| !SLOTS[s].taken.load(SeqCst)));
    }

    #[test]
    fn a_file_written_to_after_mapping_is_changed() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("grown.csv");
        std::fs::write(&path, b"a,b\n1,2\n").expect("write");
        let map = WatchedMap::new(File::open(&path).expect("open")).expect("map");
        assert!(!map.changed());
        let mut f = std::fs::OpenOptions::new().append(true).open(&path).expect("open");
        std::io::Write::write_all(&mut f, b"3,4\n").expect("append");
        assert!(map.changed());
    }
}
