//! `nnlab train --json`'s views: the cost terms, test cost, weight norm and
//! layer statistics at every checkpoint and the last iteration, against
//! the course's costs (`reference/lab_regularization.json`).

use serde_json::Value;
mod common;
use common::*;

#[test]
fn views_at_the_checkpoints_split_the_course_cost() {
    let run = json(&["train", "--json", "preset=reg-l2&iters=2500"]);
    let course = &reference("lab_regularization.json")["l2"]["costs_every_1000"];
    let views = run["views"].as_array().unwrap();
    let at: Vec<u64> = views
        .iter()
        .map(|v| v["iteration"].as_u64().unwrap())
        .collect();
    assert_eq!(at, [0, 1000, 2000, 2499]);
    for (k, v) in views.iter().enumerate() {
        let (ce, l2, cost) = (num(&v["cross_entropy"]), num(&v["l2"]), num(&v["cost"]));
        assert_eq!(ce + l2, cost, "the total is the two terms' sum");
        assert_eq!(cost, costs(&run)[k].1, "the printed cost, bit for bit");
        if k < 3 {
            assert_close("cost", cost, num(&course[k]), 1e-9);
        }
        assert!(l2 > 0.0 && ce > 0.0 && num(&v["test_cost"]) > 0.0);
        let layers = v["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 3, "[2, 20, 3, 1]: three layers");
        assert!(layers[0]["saturated_share"].is_null());
        assert!(layers[2]["dead_share"].is_null());
        assert!(layers.iter().all(|l| num(&l["grad_ratio"]) > 0.0));
    }
    let norms: Vec<f64> = views.iter().map(|v| num(&v["weight_norm"])).collect();
    assert!(norms[1] < norms[0], "L2 shrinks the weights: {norms:?}");
}

#[test]
fn human_output_has_no_views_and_json_has_dropout_modes() {
    let run = json(&["train", "--json", "preset=reg-dropout&iters=1"]);
    let v: &Value = &run["views"][0];
    assert_ne!(num(&v["eval_cost"]), num(&v["cost"]), "dropout: two modes");
    let text = stdout(&nnlab(&["train", "preset=reg-dropout&iters=1"]));
    assert!(!text.contains("cross_entropy"));
}
