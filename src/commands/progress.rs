//! A progress bar on stderr for long work (Monte Carlo, probability seeks, sweeps over
//! samples): shown once the work has taken more than a second, and only on a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs `work`, which counts finished samples in the counter it is given, showing a bar of
/// `total` samples (a running count when the total is not known) on stderr once it has taken
/// more than a second.
pub fn with_progress<T>(total: Option<u64>, work: impl FnOnce(&AtomicU64) -> T + Send) -> T
where
    T: Send,
{
    let progress = AtomicU64::new(0);
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let started = Instant::now();
            let (bar, template) = match total {
                Some(total) => (
                    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()),
                    "{bar:40} {pos}/{len} samples, {eta} left",
                ),
                None => (
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
                    "{spinner} {pos} samples run, {elapsed}",
                ),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            let mut shown = false;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                if !shown
                    && started.elapsed() > Duration::from_secs(1)
                    && std::io::stderr().is_terminal()
                {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    shown = true;
                }
                bar.set_position(progress.load(Ordering::Relaxed));
            }
            bar.finish_and_clear();
        });
        let result = work(&progress);
        done.store(true, Ordering::Relaxed);
        result
    })
}
