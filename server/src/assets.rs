//! Static files under `/pkg`: precompressed (brotli, gzip) and cached for a year when hashed.
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::Router;
use leptos::config::LeptosOptions;
use tower_http::services::ServeDir;

const FOREVER: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The `/pkg` service for the site built by cargo-leptos.
pub fn pkg_router<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let hashed = options.hash_files;
    let main_bundle: Arc<str> = format!("{}.", options.output_name).into();
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let policy = cache_policy(hashed, &main_bundle, req.uri().path());
            async move {
                let mut res = next.run(req).await;
                res.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
                res
            }
        }))
}

/// The Cache-Control of the file at `path` under `/pkg`; `main_bundle` is `<output name>.`. Hashed names change
/// whenever the content does, so they may be cached forever; but with the WASM split into
/// chunks, cargo-leptos writes the chunk loader's hashed name into the main bundle's JS and WASM
/// after naming them, so their names can stay while their content changes (a new chunk loader
/// the old one would not find): a browser revalidates those two (a 304 when unchanged).
fn cache_policy(hashed: bool, main_bundle: &str, path: &str) -> &'static str {
    let file = path.rsplit('/').next().unwrap_or_default();
    let main_code =
        file.starts_with(main_bundle) && (file.ends_with(".js") || file.ends_with(".wasm"));
    if !hashed || main_code {
        REVALIDATE
    } else {
        FOREVER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_bundle_is_revalidated_and_other_hashed_files_cached_forever() {
        let main = "tenantry.";
        assert_eq!(cache_policy(true, main, "/tenantry.AbC.js"), REVALIDATE);
        assert_eq!(cache_policy(true, main, "/tenantry.AbC.wasm"), REVALIDATE);
        assert_eq!(cache_policy(true, main, "/tenantry.AbC.css"), FOREVER);
        assert_eq!(cache_policy(true, main, "/__wasm_split.AbC.js"), FOREVER);
        assert_eq!(
            cache_policy(true, main, "/split_operator_pages_1.AbC.wasm"),
            FOREVER
        );
        assert_eq!(cache_policy(true, main, "/chunk_6.AbC.wasm"), FOREVER);
        assert_eq!(cache_policy(false, main, "/chunk_6.AbC.wasm"), REVALIDATE);
        assert_eq!(
            cache_policy(true, main, "/pkg/tenantry.AbC.wasm"),
            REVALIDATE
        );
    }
}
