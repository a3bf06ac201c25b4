//! The `fluent` feature's renderer: one `FluentBundle` per language (built on
//! first use, per thread: a bundle's memoizer is not `Sync`).

use super::{Lang, SOURCES};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast;

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> Bundle {
    let tag = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    let mut bundle = Bundle::new(vec![tag.parse().expect("a valid language tag")]);
    // Arguments are plain text: no Unicode isolation marks around them.
    bundle.set_use_isolating(false);
    for &(of, _, source) in SOURCES {
        if of == lang {
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(resource, _)| resource);
            // Duplicate ids: the first stays (the catalogue test forbids them).
            let _ = bundle.add_resource(resource);
        }
    }
    bundle
}

thread_local! {
    static BUNDLES: [Bundle; 2] = [bundle(Lang::En), bundle(Lang::Zh)];
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
    }
}

/// Message `id` in `lang` with `args` (name, text); falls back to English,
/// then to the id itself.
pub fn render_fluent(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for &(name, value) in args {
        fluent_args.set(name, value);
    }
    BUNDLES.with(|bundles| {
        for b in [&bundles[index(lang)], &bundles[0]] {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                return b
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    })
}

/// Every message of `lang`'s catalogue in file order (duplicates kept, so a
/// test can find them): its id and the placeholders (`{ $name }`) it uses,
/// sorted.
pub fn entries(lang: Lang) -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    for &(of, _, source) in SOURCES {
        if of != lang {
            continue;
        }
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut names = vec![];
                if let Some(p) = &m.value {
                    variables(p, &mut names);
                }
                names.sort();
                names.dedup();
                out.push((m.id.name.to_string(), names));
            }
        }
    }
    out
}

fn variables(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(e: &ast::Expression<&str>, out: &mut Vec<String>) {
    match e {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(e: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}
