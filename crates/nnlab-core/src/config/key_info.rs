//! A key as plain data for a page or a tool ([`KeyInfo`]): its label and
//! help in the current language (messages `key-NAME-label` and
//! `key-NAME-help` of the catalogue), kind, group, choices and ranges.

use crate::config::key::{Group, Key, Kind, Range};

/// What a page or a tool needs to show one key, as plain data.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct KeyInfo {
    pub name: &'static str,
    pub label: String,
    pub help: String,
    pub kind: Kind,
    pub group: Group,
    /// [`Group::title`]
    pub group_title: String,
    pub choices: Vec<String>,
    pub range: Option<Range>,
    pub length: Option<Range>,
    /// Absent means the course's recorded data (`dataSeed`, `n`, `noise`,
    /// `points`): the page's control shows the course's placeholder and is
    /// disabled on recorded data. A view key that may be absent (`lang`:
    /// the browser's language) is not one of these.
    pub optional: bool,
    pub view: bool,
}

impl Key {
    /// The control's label, in the current language.
    pub fn label(&self) -> String {
        crate::i18n::text(&format!("key-{}-label", self.name), &[])
    }

    /// The key's one line of help, in the current language.
    pub fn help(&self) -> String {
        crate::i18n::text(&format!("key-{}-help", self.name), &[])
    }

    pub fn info(&self) -> KeyInfo {
        KeyInfo {
            name: self.name,
            label: self.label(),
            help: self.help(),
            kind: self.kind,
            group: self.group,
            group_title: self.group.title(),
            choices: self.choices(),
            range: self.range,
            length: self.length,
            optional: self.optional() && !self.is_view(),
            view: self.is_view(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::keys::KEYS;

    #[test]
    fn only_the_data_keys_stand_for_the_course_data_when_absent() {
        let optional: Vec<&str> = KEYS
            .iter()
            .map(|k| k.info())
            .filter(|i| i.optional)
            .map(|i| i.name)
            .collect();
        assert_eq!(optional, ["dataSeed", "n", "noise", "points"]);
    }
}
