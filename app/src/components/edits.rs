//! The server actions of an editor page, watched together: the page's data reloads after any of
//! them, and the page shows the first one that failed (or the error a plain form post was sent
//! back with, in the `error` query parameter).
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;
use crate::pages::query_param;

type Watched = (Signal<usize>, Signal<Option<String>>);

/// The actions of one page.
#[derive(Clone, Copy)]
pub struct Edits(StoredValue<Vec<Watched>>);

impl Edits {
    /// No actions yet.
    pub fn new() -> Edits {
        Edits(StoredValue::new(Vec::new()))
    }

    /// A new server action of the page, watched with the others.
    pub fn action<A, O>(self) -> ServerAction<A>
    where
        A: ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
        O: Clone + Send + Sync + 'static,
    {
        let action = ServerAction::<A>::new();
        let version = Signal::derive(move || action.version().get());
        let failure = Signal::derive(move || {
            action
                .value()
                .get()
                .and_then(|r| r.err())
                .map(|e| e.to_string())
        });
        self.0.update_value(|w| w.push((version, failure)));
        action
    }

    /// Changes whenever any of the actions finishes: the key of the page's data.
    pub fn version(self) -> usize {
        self.0
            .with_value(|w| w.iter().map(|(v, _)| v.get()).sum::<usize>())
    }

    /// The first failure to show.
    pub fn error(self) -> Signal<Option<String>> {
        let from_query = query_param("error");
        Signal::derive(move || {
            self.0
                .with_value(|w| w.iter().find_map(|(_, e)| e.get()))
                .or_else(|| from_query.clone())
        })
    }
}

impl Default for Edits {
    fn default() -> Self {
        Edits::new()
    }
}
