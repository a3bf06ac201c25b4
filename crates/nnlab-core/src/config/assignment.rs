//! What a classroom link ([`crate::config::classroom`]) means for a page:
//! the keys its names stand for, its bad values set right ([`settle`]: the
//! rest of the link still applies, each problem a [`ConfigError`] naming key
//! and value; the page shows them, the command line exits 2 on them), the
//! lock's [`guard`] against a later link, and which quiz a configuration
//! gets.

use crate::config::classroom::{Classroom, Names, Quiz, ALL, MAX_TASK};
use crate::config::error::ConfigError;
use crate::config::key::{Group, Key};
use crate::config::keys::KEYS;
use crate::config::{Config, DataKind, View};
use crate::model::output::Problem;
use crate::tr;

/// The keys `lock` and `hide` can name: all but the classroom's own (a
/// classroom link fixes those whenever it locks anything: [`guard`]).
fn nameable() -> impl Iterator<Item = &'static Key> {
    KEYS.iter().filter(|k| k.group != Group::Classroom)
}

/// Every group name a link may use in `lock` and `hide`.
pub fn group_names() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = nameable().map(|k| k.group.name()).collect();
    groups.dedup();
    groups
}

/// Whether `name` is a key, a group or `all`.
fn known(name: &str) -> bool {
    name == ALL || nameable().any(|k| k.name == name || k.group.name() == name)
}

impl Names {
    /// The keys the names stand for, in table order (`all`: every key
    /// outside the classroom group).
    pub fn keys(&self) -> Vec<&'static str> {
        let named = |k: &Key| {
            self.0
                .iter()
                .any(|n| n == k.name || n == k.group.name() || n == ALL)
        };
        nameable().filter(|k| named(k)).map(|k| k.name).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Classroom {
    /// The quiz this configuration gets with `quiz=1` (`None` without it):
    /// on the gradient-check case, which gradients are wrong; elsewhere, the
    /// test accuracy.
    pub fn quiz_kind(&self, config: &Config) -> Option<Quiz> {
        match (self.quiz, config.data) {
            (false, _) => None,
            (true, DataKind::Gradcase) => Some(Quiz::Gradients),
            (true, _) => Some(Quiz::Accuracy),
        }
    }
}

/// Why a link of `length` characters has no QR code (the largest QR code
/// holds 2953 bytes at the lowest error correction).
pub fn qr_refused(length: usize) -> String {
    tr!("qr-refused", length = length)
}

/// Makes a parsed view's classroom keys usable and says what was wrong, one
/// error per problem (naming key and value): unknown names in `lock` and
/// `hide` are dropped, a task over [`MAX_TASK`] characters keeps its first
/// [`MAX_TASK`], and `quiz=1` on a gradient check without planted bugs is
/// switched off. The rest of the link stays as it is.
pub fn settle(config: &Config, view: &mut View) -> Vec<ConfigError> {
    let mut problems = Vec::new();
    let c = &mut view.classroom;
    for (key, names) in [("lock", &mut c.lock), ("hide", &mut c.hide)] {
        for bad in names.0.iter().filter(|n| !known(n)) {
            problems.push(ConfigError::Invalid {
                key: key.into(),
                value: bad.clone(),
                expected: tr!(
                    "expect-names",
                    names = format!("{} | {ALL}", group_names().join(" | "))
                ),
            });
        }
        names.0.retain(|n| known(n));
    }
    let length = c.task.chars().count();
    if length > MAX_TASK {
        problems.push(ConfigError::OutOfRange {
            key: "task".into(),
            value: c.task.chars().take(MAX_TASK).collect(),
            allowed: tr!("task-too-long", max = MAX_TASK, length = length),
        });
        c.task = c.task.chars().take(MAX_TASK).collect();
    }
    if c.quiz_kind(config) == Some(Quiz::Gradients) && config.bugs == Default::default() {
        problems.push(ConfigError::Conflict {
            key: "quiz".into(),
            value: "1".into(),
            reason: tr!("quiz-needs-bugs"),
        });
        c.quiz = false;
    }
    if c.quiz_kind(config) == Some(Quiz::Accuracy) && config.problem == Problem::Regression {
        problems.push(ConfigError::Conflict {
            key: "quiz".into(),
            value: "1".into(),
            reason: tr!("quiz-regression"),
        });
        c.quiz = false;
    }
    problems
}

/// Whether a link may replace the current one on a page opened with a
/// classroom link: with a `lock`, every locked key and every classroom key
/// (`lock` itself included) must keep its value. The error names the first
/// key that changed and its new value.
pub fn guard(
    (config, view): (&Config, &View),
    (next, next_view): (&Config, &View),
) -> Result<(), ConfigError> {
    let lock = &view.classroom.lock;
    if lock.is_empty() {
        return Ok(());
    }
    let locked = lock.keys();
    for key in KEYS
        .iter()
        .filter(|k| k.group == Group::Classroom || locked.contains(&k.name))
    {
        let (was, now) = (key.value(config, view), key.value(next, next_view));
        if was != now {
            return Err(ConfigError::Conflict {
                key: key.name.into(),
                value: now.unwrap_or_default(),
                reason: tr!(
                    "locked-by-teacher",
                    key = key.name,
                    value = was.unwrap_or_default()
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link::parse;

    #[test]
    fn names_expand_to_keys_in_table_order() {
        let p = parse("lock=lr,data,training&hide=all").unwrap();
        let c = &p.view.classroom;
        assert_eq!(
            c.lock.keys(),
            [
                "data",
                "problem",
                "dataSeed",
                "n",
                "noise",
                "testFrac",
                "normalize",
                "features",
                "points",
                "lr",
                "iters",
                "opt",
                "beta",
                "beta1",
                "beta2",
                "epsilon",
                "batch",
                "batchSeed"
            ]
        );
        let hidden = c.hide.keys();
        assert!(hidden.contains(&"bugs") && hidden.contains(&"logCost"));
        assert!(!hidden.contains(&"task") && !hidden.contains(&"lock"));
        assert_eq!(p.query(), "lock=lr,data,training&hide=all");
        assert!(p.problems.is_empty());
    }

    #[test]
    fn unknown_names_are_dropped_with_a_message_and_the_rest_applies() {
        let p = parse("lr=0.5&lock=lr,cats,training&hide=dogs").unwrap();
        assert_eq!(p.config.lr, 0.5);
        let messages: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("lock=cats: expected key or group names (data | network"));
        assert!(messages[1].starts_with("hide=dogs: expected"));
        for own in ["task", "classroom", "lock"] {
            let p = parse(&format!("lock={own}")).unwrap();
            assert_eq!(
                p.problems.len(),
                1,
                "{own}: the classroom keys are not nameable"
            );
        }
        assert_eq!(p.query(), "lr=0.5&lock=lr,training");
    }

    #[test]
    fn a_long_task_is_cut_with_a_message() {
        let long = "ab".repeat(600_000);
        let p = parse(&format!("preset=init-he&task={long}")).unwrap();
        assert_eq!(p.view.classroom.task.chars().count(), MAX_TASK);
        let message = p.problems[0].to_string();
        assert!(message.starts_with("task=abab"), "{message}");
        assert!(message.contains("this one has 1200000"), "{message}");
        assert_eq!(p.config, crate::Preset::InitHe.config());
        // Exactly the limit is fine; characters, not bytes.
        let p = parse(&format!("task={}", "é".repeat(MAX_TASK))).unwrap();
        assert!(p.problems.is_empty());
    }

    #[test]
    fn task_text_round_trips_whatever_it_holds() {
        for text in [
            "Why does He\ninitialization work?",
            "a&b=c#d?e+f%g",
            "<img src=x onerror=alert(1)></div>",
            "javascript:alert(1)",
            "\u{202E}evil\u{202C} \"quoted\" `tick` é λ",
        ] {
            let p = parse(&format!(
                "preset=init-he&task={}",
                crate::config::link::encode(text)
            ))
            .unwrap();
            assert_eq!(p.view.classroom.task, text.trim());
            let q = p.query();
            assert!(
                q.is_ascii() && !q.contains(['<', '>', '"', '`', '\n']),
                "{q}"
            );
            assert_eq!(parse(&q).unwrap().view, p.view, "{q}");
        }
    }

    #[test]
    fn quiz_needs_bugs_on_a_gradient_check() {
        let p = parse("preset=gradcheck&quiz=1").unwrap();
        assert!(!p.view.classroom.quiz);
        assert!(p.problems[0]
            .to_string()
            .starts_with("quiz=1: the gradient-check exercise"));
        let p = parse("data=gauss&problem=regression&quiz=1").unwrap();
        assert!(!p.view.classroom.quiz);
        assert_eq!(
            p.problems[0].to_string(),
            "quiz=1: problem=regression has no accuracy to predict: its readouts are losses"
        );
        let p = parse("preset=gradcheck&bugs=w2,b1&quiz=1").unwrap();
        assert!(p.problems.is_empty());
        assert_eq!(p.view.classroom.quiz_kind(&p.config), Some(Quiz::Gradients));
        for q in [
            "preset=reg-l2&quiz=1",
            "preset=init-zeros&quiz=1",
            "data=moons&quiz=1",
        ] {
            let p = parse(q).unwrap();
            assert_eq!(
                p.view.classroom.quiz_kind(&p.config),
                Some(Quiz::Accuracy),
                "{q}"
            );
        }
    }

    #[test]
    fn a_lock_refuses_changes_to_locked_and_classroom_keys() {
        let open = |q: &str| parse(q).unwrap();
        let page = open("preset=reg-l2&lock=regularization&task=Why");
        let at = |p: &crate::config::link::Parsed| (p.config.clone(), p.view.clone());
        let (c, v) = at(&page);
        let check = |q: &str| {
            let n = open(q);
            guard((&c, &v), (&n.config, &n.view)).map_err(|e| e.to_string())
        };
        assert!(check("preset=reg-l2&lock=regularization&task=Why&lr=0.1&showTest=1").is_ok());
        assert_eq!(
            check("preset=reg-l2&lock=regularization&task=Why&lambda=0").unwrap_err(),
            "lambda=0: set by your teacher's link (kept at lambda=0.7)"
        );
        assert!(check("preset=reg-l2&task=Why")
            .unwrap_err()
            .starts_with("lock=: "));
        assert!(check("preset=reg-l2&lock=regularization")
            .unwrap_err()
            .starts_with("task=: "));
        // Without a lock anything goes.
        let free = open("preset=reg-l2&task=Why");
        let n = open("preset=init-he");
        assert!(guard((&free.config, &free.view), (&n.config, &n.view)).is_ok());
    }

    #[test]
    fn the_readmes_example_assignments_open_cleanly() {
        let readme = include_str!("../../../../README.md");
        let links: Vec<&str> = readme
            .lines()
            .filter_map(|l| l.strip_prefix("- ").and_then(|l| l.split_once(": `#")))
            .map(|(_, rest)| rest.trim_end_matches('`'))
            .collect();
        assert_eq!(links.len(), 3, "one per lab");
        for link in links {
            let p = parse(link).unwrap();
            assert!(p.problems.is_empty() && p.warnings.is_empty(), "{link}");
            let c = &p.view.classroom;
            assert!(!c.lock.is_empty() && !c.task.is_empty(), "{link}");
            assert_eq!(p.query(), link, "written canonically");
        }
    }
}
