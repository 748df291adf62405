//! The dashboard hears of changes through Server-Sent Events (`/operator/live`) and reads itself
//! again; without JavaScript the page is simply complete and current when it loads.
use leptos::prelude::*;

/// Counts the changes heard since the page opened (0 on the server and without JavaScript).
pub fn changes() -> ReadSignal<u32> {
    let (heard, set_heard) = signal(0u32);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use leptos::wasm_bindgen::closure::Closure;
        use leptos::wasm_bindgen::JsCast;
        let Ok(source) = leptos::web_sys::EventSource::new("/operator/live") else {
            return;
        };
        let on_change = Closure::<dyn FnMut(leptos::web_sys::MessageEvent)>::new(move |_| {
            set_heard.update(|n| *n += 1);
        });
        let _ =
            source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        // The listener lives as long as the source, which is closed when the page goes.
        on_change.forget();
        let kept = StoredValue::new_local(source);
        on_cleanup(move || kept.with_value(|s| s.close()));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = set_heard;
    heard
}
