//! Giving memory back to the system after a large load.

/// Returns the heap's free pages to the system.
///
/// Loading a large file allocates and frees far more than the dataset keeps (the file's bytes,
/// sort keys, growing columns). glibc keeps freed heap pages mapped, so without this the process
/// would hold on to the load's peak. Elsewhere this does nothing.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks glibc's own free lists; it takes no pointers from us and
        // is safe to call at any time from any thread.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
