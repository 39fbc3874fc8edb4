//! NextToken paging, decided once: which token to send next, and when to stop.
//!
//! OOS list calls answer a page and a `NextToken`; the last page has none (or an empty one).
//! A server that repeats the token it was sent would be followed forever, and a list that
//! keeps growing would be read without end, so every reader stops at a repeated token and at
//! a limit of items.
//!
//! ```
//! use rolling_update_core::api::paging::Pages;
//! let mut pages = Pages::new(250);
//! assert_eq!(pages.token(), None, "the first page is asked without a token");
//! assert!(pages.advance(Some("t1"), 100));
//! assert_eq!(pages.token(), Some("t1"));
//! assert!(!pages.advance(Some("t1"), 100), "a repeated token ends the reading");
//! ```

use super::oos::{ListExecutionsResponse, ListTaskExecutionsResponse};

/// Where a NextToken reading stands: the token for the next call and the items read so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pages {
    token: Option<String>,
    items: usize,
    limit: usize,
}

impl Pages {
    /// A reading that stops once `limit` items have been read.
    pub fn new(limit: usize) -> Pages {
        Pages { token: None, items: 0, limit }
    }

    /// The token to send with the next call (`None` for the first).
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Records a page of `got` items that ended with `next` (its `NextToken`); whether to read
    /// another: only when `next` is non-empty and new, and the limit is not reached.
    pub fn advance(&mut self, next: Option<&str>, got: usize) -> bool {
        self.items += got;
        let next = next.map(str::trim).filter(|t| !t.is_empty());
        match next {
            Some(t) if self.items < self.limit && self.token.as_deref() != Some(t) => {
                self.token = Some(t.to_owned());
                true
            }
            _ => false,
        }
    }
}

/// A response of a NextToken-paged list.
pub trait Paged {
    /// What the list holds.
    type Item;
    /// The page's `NextToken`.
    fn next_token(&self) -> Option<&str>;
    /// The page's items.
    fn into_items(self) -> Vec<Self::Item>;
}

impl Paged for ListExecutionsResponse {
    type Item = super::oos::Execution;
    fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }
    fn into_items(self) -> Vec<Self::Item> {
        self.executions
    }
}

impl Paged for ListTaskExecutionsResponse {
    type Item = super::oos::TaskExecution;
    fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }
    fn into_items(self) -> Vec<Self::Item> {
        self.task_executions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_on_the_last_page_an_empty_token_or_the_limit() {
        let mut pages = Pages::new(10);
        assert!(!pages.advance(None, 3), "no token: last page");
        let mut pages = Pages::new(10);
        assert!(!pages.advance(Some("  "), 3), "an empty token is no token");
        let mut pages = Pages::new(10);
        assert!(pages.advance(Some("a"), 5));
        assert!(!pages.advance(Some("b"), 5), "10 items read: the limit");
    }

    #[test]
    fn each_new_token_is_sent_once() {
        let mut pages = Pages::new(usize::MAX);
        for t in ["a", "b", "c"] {
            assert!(pages.advance(Some(t), 1));
            assert_eq!(pages.token(), Some(t));
        }
        assert!(!pages.advance(Some("c"), 1));
    }
}
