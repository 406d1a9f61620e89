//! Named threads: a profile (`perf report -s comm`) or a debugger shows
//! which stage a thread runs — the reader, the parse workers, the writers.

use std::thread::{Scope, ScopedJoinHandle};

/// Spawns `f` on a scoped thread called `name` (Linux keeps 15 bytes of
/// it). Like [`Scope::spawn`], it panics only when the system cannot start
/// a thread at all.
pub fn spawn<'scope, 'env, T, F>(scope: &'scope Scope<'scope, 'env>, name: &str, f: F) -> ScopedJoinHandle<'scope, T>
where
    F: FnOnce() -> T + Send + 'scope,
    T: Send + 'scope,
{
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn_scoped(scope, f)
        .unwrap_or_else(|e| panic!("cannot start the thread '{name}': {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_spawned_thread_has_its_name() {
        let name = std::thread::scope(|s| {
            super::spawn(s, "parse-1", || std::thread::current().name().map(str::to_string)).join().ok().flatten()
        });
        assert_eq!(name.as_deref(), Some("parse-1"));
    }
}
