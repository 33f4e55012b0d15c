//! The window's context for the app's own state: wakes the window from a background thread, also
//! for work started before the window exists.

use eframe::egui;
use std::sync::{Arc, OnceLock};

/// A handle that asks the window for a new frame. Work started before the window has a context
/// (a `--data` load begun while the window is being created) holds it too: its wake reaches the
/// window once the context is known, and before that the first frame polls the work anyway.
#[derive(Clone, Default)]
pub struct Waker(Arc<OnceLock<egui::Context>>);

impl Waker {
    /// Gives the waker the window's context (the first one given is kept).
    pub fn set(&self, ctx: &egui::Context) {
        if self.0.get().is_none() {
            let _ = self.0.set(ctx.clone());
        }
    }

    /// The window's context, once it exists.
    pub fn context(&self) -> Option<&egui::Context> {
        self.0.get()
    }

    /// Asks for a new frame, if the window exists.
    pub fn wake(&self) {
        if let Some(ctx) = self.0.get() {
            ctx.request_repaint();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waker_given_a_context_later_wakes_it() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let ctx = egui::Context::default();
        let asked = Arc::new(AtomicUsize::new(0));
        let counter = asked.clone();
        ctx.set_request_repaint_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let waker = Waker::default();
        let early = waker.clone();
        early.wake(); // no window yet: nothing to wake
        assert_eq!(asked.load(Ordering::SeqCst), 0);
        waker.set(&ctx);
        early.wake();
        assert_eq!(asked.load(Ordering::SeqCst), 1);
    }
}
