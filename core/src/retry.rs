//! When to try a failed call again: exponential backoff with jitter, honouring the server's
//! advertised delay. The caller supplies the randomness (`jitter`) and does the sleeping.

/// How a client retries retryable errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (the host's `ALIBABA_CLOUD_RETRY_COUNT`).
    pub max_retries: u32,
    /// The first backoff, in milliseconds.
    pub base_ms: u64,
    /// The longest backoff, in milliseconds.
    pub cap_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_ms: 500, cap_ms: 20_000 }
    }
}

/// The longest server-advertised delay honoured, as the official SDK caps it.
pub const MAX_RETRY_AFTER_MS: u64 = 120_000;

impl RetryPolicy {
    /// Whether attempt number `attempt` (1 for the first retry) may be made.
    pub fn allows(&self, attempt: u32) -> bool {
        attempt >= 1 && attempt <= self.max_retries
    }

    /// The delay before retry number `attempt` (1-based): half the exponential backoff plus a
    /// jittered half, never less than the server's `retry_after_ms` (capped at 120 s).
    /// `jitter` is a number in `[0, 1)` the caller draws.
    pub fn delay_ms(&self, attempt: u32, retry_after_ms: Option<u64>, jitter: f64) -> u64 {
        let exponent = attempt.saturating_sub(1).min(20);
        let backoff = self.base_ms.saturating_mul(1 << exponent).min(self.cap_ms);
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
        let jittered = backoff / 2 + ((backoff / 2) as f64 * jitter) as u64;
        jittered.max(retry_after_ms.unwrap_or(0).min(MAX_RETRY_AFTER_MS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(1, None, 0.0), 250);
        assert_eq!(p.delay_ms(1, None, 0.999), 499);
        assert_eq!(p.delay_ms(3, None, 0.0), 1000);
        assert_eq!(p.delay_ms(30, None, 0.0), 10_000);
        assert_eq!(p.delay_ms(30, None, 1.0), 20_000);
    }

    #[test]
    fn server_delay_is_honoured_and_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(1, Some(3_000), 0.5), 3_000);
        assert_eq!(p.delay_ms(1, Some(900_000), 0.5), MAX_RETRY_AFTER_MS);
    }

    #[test]
    fn attempts_are_bounded() {
        let p = RetryPolicy { max_retries: 2, ..Default::default() };
        assert!(!p.allows(0) && p.allows(1) && p.allows(2) && !p.allows(3));
        assert!(p.delay_ms(1, None, f64::NAN) <= 500);
    }
}
