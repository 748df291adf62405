//! A rendered storefront page kept for visitors without a session. Each response carries its own
//! Content-Security-Policy nonce, so the page is kept cut at the nonce it was rendered with and
//! put back together around the next request's nonce: no nonce is ever shared between visitors.
use http::HeaderMap;

/// A rendered page, cut at its nonce.
#[derive(Debug)]
pub struct Page {
    /// The response headers the render set (content type); the security headers are added to
    /// each response later.
    headers: HeaderMap,
    /// The HTML between the nonce's occurrences.
    pieces: Vec<String>,
}

impl Page {
    /// Keeps `html`, rendered with `nonce`. None for an empty nonce (nothing to cut at), which
    /// would put the render's nonce into every later response.
    pub fn new(headers: HeaderMap, html: &str, nonce: &str) -> Option<Page> {
        if nonce.is_empty() {
            return None;
        }
        Some(Page {
            headers,
            pieces: html.split(nonce).map(String::from).collect(),
        })
    }

    /// The headers to answer with.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The page with `nonce` wherever the render had its own.
    pub fn html(&self, nonce: &str) -> String {
        let len = self.pieces.iter().map(String::len).sum::<usize>()
            + nonce.len() * self.pieces.len().saturating_sub(1);
        let mut out = String::with_capacity(len);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.push_str(nonce);
            }
            out.push_str(piece);
        }
        out
    }
}
