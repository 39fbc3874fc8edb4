//! RFC 3986 percent-encoding as Alibaba Cloud signs it, and lowercase hex.

/// Whether a byte stays as it is: `A-Z a-z 0-9 - _ . ~`.
pub const fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes the UTF-8 bytes of `text`, leaving only `A-Z a-z 0-9 - _ . ~` unescaped and
/// writing every other byte as `%XX` with uppercase hex (a space is `%20`, `*` is `%2A`).
///
/// ```
/// use rolling_update_core::sign::percent_encode;
/// assert_eq!(percent_encode("a b*~/é"), "a%20b%2A~%2F%C3%A9");
/// ```
pub fn percent_encode(text: &str) -> String {
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for &byte in text.as_bytes() {
        if is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(UPPER[usize::from(byte >> 4)]));
            out.push(char::from(UPPER[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// Reverses [`percent_encode`]: `None` when a `%` is not followed by two hex digits or the bytes
/// are not UTF-8. A `+` stays a `+` (this is not form decoding).
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex_value(*bytes.get(i + 1)?)?;
            let lo = hex_value(*bytes.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// Lowercase hex of `bytes`.
pub fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_multibyte_characters() {
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(percent_encode(" +*/=&%"), "%20%2B%2A%2F%3D%26%25");
        assert_eq!(percent_encode("中"), "%E4%B8%AD");
        assert_eq!(percent_decode("%E4%B8%ADa%20").as_deref(), Some("中a "));
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(hex_lower(&[0, 0xab, 0x10]), "00ab10");
    }
}
