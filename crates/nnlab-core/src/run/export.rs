//! A run's exports: the cost history as CSV, the weights as JSON, and the
//! files' base name. Numbers in the course's Python form ([`fmt_py`]: they
//! read back to the same bits), non-finite ones as `inf`, `-inf`, `nan`.

use crate::config::{link, View};
use crate::format::fmt_py;
use crate::format::json::Json;
use crate::model::network::Network;
use crate::run::trainer::Trainer;

/// `iteration,cost` lines of the cost history (`inf` for an infinite cost).
pub fn history_csv(trainer: &Trainer) -> String {
    let mut out = String::from("iteration,cost\n");
    for &(i, c) in trainer.history().points() {
        out.push_str(&format!("{i},{}\n", fmt_py(c)));
    }
    out
}

/// `{"query", "iteration", "sizes", "params": {"W1": {"shape", "data"}, ...}}`,
/// arrays row-major like the course's reference files, one parameter a line
/// ([`Json::pretty`] two levels deep), ending with a newline.
pub fn weights_json(trainer: &Trainer, query: &str) -> String {
    let net = trainer.network();
    let params = net.params().iter().enumerate().map(|(p, m)| {
        let param = Json::obj([
            ("shape", Json::arr([m.rows(), m.cols()])),
            ("data", Json::arr(m.as_slice().iter().copied())),
        ]);
        (Network::param_name(p), param)
    });
    let export = Json::obj([
        ("query", Json::from(query)),
        ("iteration", trainer.iteration().into()),
        ("sizes", Json::arr(net.sizes().iter().copied())),
        ("params", Json::obj(params)),
    ]);
    export.pretty(2) + "\n"
}

/// A file name for exports that tells configurations apart, from the
/// canonical query without its view keys: `nnlab-{what}-{iteration}`, where
/// `what` is the preset's name, then each other `key-value` (`_` between
/// them); `circles` for the default configuration. Own points appear as
/// `points-` and the CRC-32 of their text (8 hex digits); a character other
/// than `A-Z a-z 0-9 . , -` becomes `-`. `nnlab-reg-dropout-30000`,
/// `nnlab-reg-dropout_mask-fresh-30000`, `nnlab-data-moons_n-500-15000`.
pub fn export_basename(trainer: &Trainer) -> String {
    let c = trainer.config();
    let query = link::serialize(c, &View::default());
    let mut parts = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        parts.push(match k {
            "preset" => v.to_string(),
            "points" => format!(
                "points-{:08x}",
                crate::data::checksum::checksum(v.as_bytes())
            ),
            _ => format!("{k}-{v}"),
        });
    }
    let what = if parts.is_empty() {
        c.data.name().to_string()
    } else {
        parts.join("_")
    };
    let safe: String = what
        .chars()
        .map(|ch| match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | ',' | '-' | '_' => ch,
            _ => '-',
        })
        .collect();
    format!("nnlab-{safe}-{}", trainer.iteration())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;

    #[test]
    fn exports() {
        let mut t =
            Trainer::new(link::parse("preset=init-random&iters=3").unwrap().config).unwrap();
        t.run();
        let csv = history_csv(&t);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "iteration,cost");
        assert_eq!(lines[1], "0,inf");
        assert_eq!(lines.len(), 4);
        assert!(lines[3].starts_with("2,"));
        let cost: f64 = lines[3][2..].parse().unwrap();
        assert_eq!(cost.to_bits(), t.history().points()[2].1.to_bits());
        let json = weights_json(&t, "preset=init-random&iters=3");
        assert!(json.contains("\"query\": \"preset=init-random&iters=3\""));
        assert!(json.contains("\"sizes\": [2, 10, 5, 1]"));
        assert!(json.contains("\"W1\": {\"shape\": [10, 2], \"data\": ["));
        assert!(json.contains("\"b3\": {\"shape\": [1, 1]"));
        let lines: Vec<&str> = json.lines().collect();
        assert_eq!(lines.len(), 13, "{json}");
        assert_eq!(lines[0], "{");
        assert_eq!(lines[4], "  \"params\": {");
        assert!(lines[5].starts_with("    \"W1\": {\"shape\": [10, 2], \"data\": ["));
        assert!(lines[10].starts_with("    \"b3\": "));
        assert_eq!(&lines[11..], ["  }", "}"]);
        assert!(json.ends_with("}\n"));
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        let w1 = parsed["params"]["W1"]["data"][0].as_f64().unwrap();
        assert_eq!(
            w1.to_bits(),
            t.network().params()[0].as_slice()[0].to_bits()
        );
        assert_eq!(export_basename(&t), "nnlab-init-random_iters-3-3");
    }

    #[test]
    fn export_names_tell_configurations_apart() {
        let name =
            |q: &str| export_basename(&Trainer::new(link::parse(q).unwrap().config).unwrap());
        assert_eq!(name("preset=reg-dropout&play=1"), "nnlab-reg-dropout-0");
        assert_eq!(
            name("preset=reg-dropout&mask=fresh"),
            "nnlab-reg-dropout_mask-fresh-0"
        );
        assert_eq!(name(""), "nnlab-circles-0");
        assert_eq!(
            name("data=moons&n=500&layers=8,4&lr=0.1"),
            "nnlab-data-moons_n-500_layers-8,4_lr-0.1-0"
        );
        let own = crate::config::import::query_with_csv(
            &Default::default(),
            &View::default(),
            "0,0,0\n1,1,1\n2,0,1\n",
        )
        .unwrap()
        .query;
        let n = name(&own);
        assert!(
            n.starts_with("nnlab-data-custom_points-")
                && n.len() == "nnlab-data-custom_points-".len() + 10,
            "{n}"
        );
    }
}
