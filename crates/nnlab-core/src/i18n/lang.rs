//! The page's languages: the `lang` key's values.

/// A language of the catalogues.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the command line's, and the page's for non-Chinese browsers).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The `<html lang>` value: `en` | `zh-CN`.
    pub fn html(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language for a browser's `navigator.language` (`zh*` gives
    /// Chinese, anything else English).
    pub fn of_browser(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")) {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

impl Lang {
    /// The `lang` key's value: `en` | `zh`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language() {
        assert_eq!(Lang::of_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::of_browser("zh"), Lang::Zh);
        assert_eq!(Lang::of_browser("ZH-tw"), Lang::Zh);
        assert_eq!(Lang::of_browser("en-GB"), Lang::En);
        assert_eq!(Lang::of_browser(""), Lang::En);
    }
}
