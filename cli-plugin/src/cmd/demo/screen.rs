//! Where the demo's text goes: its own lines and, prefixed, the verbs' messages, in order; and
//! the verbs' JSON results, kept apart to read ids from.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// An output stream kept in memory: the verbs' JSON results, which the demo reads ids from
/// (not shown: the demo is for people), and the in-process tests' captured streams.
#[derive(Clone, Default)]
pub(crate) struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything written since the last call.
    pub(crate) fn take(&self) -> String {
        let bytes = self.0.lock().map(|mut b| std::mem::take(&mut *b)).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the demo's lines go: its own and, prefixed, the verbs' messages, in order.
#[derive(Clone)]
pub(crate) struct Screen(Arc<Mutex<Box<dyn Write + Send>>>);

impl Screen {
    pub(crate) fn new(inner: Box<dyn Write + Send>) -> Screen {
        Screen(Arc::new(Mutex::new(inner)))
    }
}

impl Write for Screen {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.write_all(data)?;
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.flush()
    }
}

/// Writes each line with a prefix, so that what the simulator answered reads as such.
pub(super) struct Prefixed {
    inner: Screen,
    prefix: &'static str,
    line: Vec<u8>,
}

impl Prefixed {
    pub(super) fn new(inner: Screen, prefix: &'static str) -> Prefixed {
        Prefixed { inner, prefix, line: Vec::new() }
    }
}

impl Write for Prefixed {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        for &b in data {
            self.line.push(b);
            if b == b'\n' {
                // `start --wait` repeats its JSON result on stderr for scripts; a person
                // watching the demo reads the lines around it instead.
                if self.line.starts_with(b"{\"") {
                    self.line.clear();
                    continue;
                }
                let mut line = self.prefix.as_bytes().to_vec();
                line.append(&mut self.line);
                self.inner.write_all(&line)?;
            }
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            let mut line = self.prefix.as_bytes().to_vec();
            line.append(&mut self.line);
            line.push(b'\n');
            self.inner.write_all(&line)?;
        }
        self.inner.flush()
    }
}
