//! The cache's validity rules, without a database.
use super::*;

fn page(html: &str) -> Page {
    Page::new(http::HeaderMap::new(), html, "N0NCE").expect("a nonce to cut at")
}

#[test]
fn a_page_is_put_together_around_each_requests_nonce() {
    let p = page("<script nonce=\"N0NCE\">a</script><p>x</p><script nonce=\"N0NCE\">b</script>");
    assert_eq!(
        p.html("other"),
        "<script nonce=\"other\">a</script><p>x</p><script nonce=\"other\">b</script>"
    );
    assert_eq!(page("no scripts").html("other"), "no scripts");
    assert!(Page::new(http::HeaderMap::new(), "x", "").is_none());
}

#[test]
fn only_what_was_loaded_at_the_newest_generation_is_served() {
    let cache = StorefrontCache::new(Engine::Sqlite);
    cache.put_page("", 0, page("zero"));
    assert!(cache.page("").is_some());
    cache.saw(1);
    assert!(cache.page("").is_none(), "an edit drops it");
    cache.put_page("", 0, page("loaded before the edit"));
    assert!(
        cache.page("").is_none(),
        "a load that began before the edit is not kept"
    );
    cache.put_page("", 1, page("one"));
    assert!(cache.page("").is_some());
    cache.saw(1);
    assert!(
        cache.page("").is_some(),
        "the same generation again changes nothing"
    );
}

#[test]
fn a_load_tagged_newer_than_known_moves_the_cache_on() {
    let cache = StorefrontCache::new(Engine::Sqlite);
    cache.put_page("a", 0, page("old"));
    cache.put_page("b", 2, page("new"));
    assert_eq!(cache.known(), 2);
    assert!(cache.page("a").is_none());
    assert!(cache.page("b").is_some());
}

#[test]
fn nothing_is_served_while_the_listener_is_deaf() {
    let cache = StorefrontCache::new(Engine::Postgres);
    cache.put_page("", 0, page("before listening"));
    assert!(
        cache.page("").is_none(),
        "not live before the listener connects"
    );
    cache.hears_again(3);
    cache.put_page("", 3, page("p"));
    assert!(cache.page("").is_some());
    cache.went_deaf();
    assert!(cache.page("").is_none());
    cache.put_page("", 3, page("p"));
    assert!(cache.page("").is_none(), "nor kept");
    cache.hears_again(3);
    assert!(cache.page("").is_none(), "listening again starts empty");
}
