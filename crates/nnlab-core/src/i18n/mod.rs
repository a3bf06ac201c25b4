//! Every sentence people read, in English and Simplified Chinese: Project
//! Fluent catalogues (`crates/nnlab-core/i18n/<lang>/*.ftl`, compiled in as
//! [`SOURCES`]).
//!
//! Contract: a message is an id and named string arguments; numbers are
//! formatted by [`crate::format`] *before* they become arguments, so they read
//! the same in both languages (no Fluent `NUMBER` formatting, no bidi
//! isolation marks). [`text`] renders in the thread's language ([`set_lang`];
//! English unless the page sets another: the command line never does, so it
//! prints the English catalogue).
//!
//! Who renders: with the `fluent` feature (the default: the command line and
//! the tests) the `fluent-bundle` crate; without it (the page's wasm, where
//! that crate would add 47 kB gzipped) the renderer the host installs with
//! [`set_renderer`] (the page: `@fluent/bundle` over the same [`SOURCES`]).
//! A message missing from a language falls back to English, then to its id
//! (the catalogue test forbids both).

#[cfg(feature = "fluent")]
mod catalog;
mod lang;

#[cfg(feature = "fluent")]
pub use catalog::{entries, render_fluent};
pub use lang::Lang;

use std::cell::Cell;

/// Each language's catalogue files: (language, file name, text), split by
/// area: `keys.ftl` (the key table's labels and help), `core.ftl` (the
/// engine's sentences), `page.ftl` (the page's own words).
pub const SOURCES: &[(Lang, &str, &str)] = &[
    (
        Lang::En,
        "en/keys.ftl",
        include_str!("../../i18n/en/keys.ftl"),
    ),
    (
        Lang::En,
        "en/core.ftl",
        include_str!("../../i18n/en/core.ftl"),
    ),
    (
        Lang::En,
        "en/page.ftl",
        include_str!("../../i18n/en/page.ftl"),
    ),
    (
        Lang::Zh,
        "zh/keys.ftl",
        include_str!("../../i18n/zh/keys.ftl"),
    ),
    (
        Lang::Zh,
        "zh/core.ftl",
        include_str!("../../i18n/zh/core.ftl"),
    ),
    (
        Lang::Zh,
        "zh/page.ftl",
        include_str!("../../i18n/zh/page.ftl"),
    ),
];

/// A renderer: message id and arguments in a language to text.
pub type Renderer = fn(Lang, &str, &[(&str, &str)]) -> String;

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    static RENDERER: Cell<Option<Renderer>> = const { Cell::new(None) };
}

/// Sets the language [`text`] renders in (on this thread).
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language [`text`] renders in.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Installs the host's renderer (used instead of the `fluent` feature's).
pub fn set_renderer(renderer: Renderer) {
    RENDERER.with(|r| r.set(Some(renderer)));
}

/// Message `id` with `args` (name, already formatted value) in the current
/// language.
pub fn text(id: &str, args: &[(&str, &str)]) -> String {
    render(lang(), id, args)
}

/// Message `id` with `args` in `lang`.
pub fn render(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    if let Some(renderer) = RENDERER.with(Cell::get) {
        return renderer(lang, id, args);
    }
    #[cfg(feature = "fluent")]
    {
        render_fluent(lang, id, args)
    }
    #[cfg(not(feature = "fluent"))]
    {
        unrendered(id, args)
    }
}

/// What [`render`] gives with no renderer at all: the id and its arguments
/// (`id(name=value, …)`), never a panic.
pub fn unrendered(id: &str, args: &[(&str, &str)]) -> String {
    let list: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{id}({})", list.join(", "))
}

/// `tr!("id", name = value, …)`: [`text`] with each value's `to_string()`
/// (format numbers with [`crate::format`] first).
#[macro_export]
macro_rules! tr {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text($id, &[$((stringify!($name), &*$value.to_string())),*])
    };
}
