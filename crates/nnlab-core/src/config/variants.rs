//! Compare mode's choice (`compare=` in a link, [`Compare`]): off, the
//! lab's three presets, or any one configuration key at three values
//! (`compare=opt:gd,momentum,adam`), the three runs on the same data with
//! everything else of the link. Read and written here; the three runs'
//! queries are built in [`crate::config::compare`].

use crate::config::error::ConfigError;
use crate::config::key::{Key, Kind, Value};
use crate::config::keys::key;
use crate::config::{Compare, Config, View};

/// What compare mode varies outside the course's labs (`compare=1` there).
pub const PLAYGROUND_VARY: (&str, [&str; 3]) = ("opt", ["gd", "momentum", "adam"]);

/// The expected form, for messages (a message id).
const FORM: &str = "expect-compare";

/// A key compare mode may vary: any key of the configuration but the data
/// itself (`data`, `points`) and lists (`layers`, whose commas would clash).
pub fn can_vary(k: &Key) -> bool {
    !k.is_view() && !matches!(k.kind, Kind::List | Kind::Points) && k.name != "data"
}

impl Compare {
    /// Whether three runs are shown.
    pub fn is_on(&self) -> bool {
        *self != Compare::Off
    }

    /// `config` with the varied key set to each value (`None` when not
    /// varying a key). Each must be a valid run: the error names the key
    /// and the value that is not (`batch=500: a mini-batch cannot be larger
    /// than the 300 training points`).
    pub fn configs(&self, config: &Config) -> Result<Option<[Config; 3]>, ConfigError> {
        let Compare::Vary { key: name, values } = self else {
            return Ok(None);
        };
        let k = key(name).expect("read checked the key");
        let one = |v: &String| {
            let mut c = config.clone();
            k.set(&mut c, &mut View::default(), v)?;
            c.validate()?;
            Ok(c)
        };
        let [a, b, c] = values;
        Ok(Some([one(a)?, one(b)?, one(c)?]))
    }
}

impl Value for Compare {
    const KINDS: &'static [Kind] = &[Kind::Flag];
    /// `1`/`true`/empty: the lab; `0`/`false`: off; `KEY:v1,v2,v3`: each
    /// value read (and range-checked) as that key's.
    fn read(k: &Key, text: &str) -> Result<Compare, ConfigError> {
        let bad = || ConfigError::Invalid {
            key: k.name.into(),
            value: text.into(),
            expected: crate::i18n::text(FORM, &[]),
        };
        match text {
            "1" | "true" | "" => return Ok(Compare::Lab),
            "0" | "false" => return Ok(Compare::Off),
            _ => {}
        }
        let (name, list) = text.split_once(':').ok_or_else(bad)?;
        let varied = key(name.trim()).filter(|v| can_vary(v)).ok_or_else(bad)?;
        let values: Vec<String> = list.split(',').map(|v| v.trim().to_string()).collect();
        let distinct = values
            .iter()
            .enumerate()
            .all(|(i, v)| !values[..i].contains(v));
        let values: [String; 3] = values.try_into().map_err(|_| bad())?;
        if !distinct || values.iter().any(String::is_empty) {
            return Err(bad());
        }
        for v in &values {
            let mut c = Config::default();
            varied.set(&mut c, &mut View::default(), v)?;
            varied.check(&c)?;
        }
        Ok(Compare::Vary {
            key: varied.name,
            values,
        })
    }
    fn write(&self) -> Option<String> {
        Some(match self {
            Compare::Off => "0".into(),
            Compare::Lab => "1".into(),
            Compare::Vary { key, values } => format!("{key}:{}", values.join(",")),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::link;

    #[test]
    fn compare_reads_and_writes_one_key_at_three_values() {
        let p = link::parse("compare=opt:gd,momentum,adam&lr=0.05").unwrap();
        assert_eq!(p.query(), "lr=0.05&compare=opt:gd,momentum,adam");
        assert_eq!(
            p.view.compare.configs(&p.config).unwrap().unwrap()[2]
                .opt
                .name(),
            "adam"
        );
        assert_eq!(link::parse("compare=1").unwrap().query(), "compare=1");
        for (q, message) in [
            ("compare=act:relu,tanh", "compare=act:relu,tanh: expected 1, 0, or KEY:v1,v2,v3 with three different values of one training key (opt:gd,momentum,adam)"),
            ("compare=lr:0.1,0.1,0.2", "compare=lr:0.1,0.1,0.2: expected 1, 0, or KEY:v1,v2,v3 with three different values of one training key (opt:gd,momentum,adam)"),
            ("compare=layers:1,2,3", "compare=layers:1,2,3: expected 1, 0, or KEY:v1,v2,v3 with three different values of one training key (opt:gd,momentum,adam)"),
            ("compare=act:relu,tanh,softmax", "act=softmax: expected relu | tanh | sigmoid | linear | leakyrelu"),
            ("compare=lr:0.1,0.2,-1", "lr=-1: out of range, allowed 0 < lr <= 1000"),
        ] {
            assert_eq!(link::parse(q).unwrap_err().to_string(), message, "{q}");
        }
        // A value that is fine alone but not with the link's data.
        assert_eq!(
            link::parse("compare=batch:10,100,500")
                .unwrap_err()
                .to_string(),
            "batch=500: a mini-batch cannot be larger than the 300 training points"
        );
    }
}
