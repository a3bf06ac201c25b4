//! The views' bindings in headless Chromium (see web.rs for how to run):
//! `Lab.inside`, `Lab.neuronMaps` and `Chart.addViews` hand the core's views
//! over as plain objects with typed arrays.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Float64Array, Reflect, Uint8Array};
use nnlab_web::{Chart, Lab};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("an object")
}

#[wasm_bindgen_test]
fn views_come_as_objects_and_typed_arrays() {
    let mut lab = Lab::new("preset=reg-l2&iters=2000").unwrap();
    let empty = lab.inside(200.0, 50.0).unwrap();
    assert!(get(&empty, "latest").is_null(), "no sample before a step");
    lab.step(1001);
    let v = lab.inside(200.0, 50.0).unwrap();
    let latest = get(&v, "latest");
    assert_eq!(get(&latest, "iteration").as_f64(), Some(1000.0));
    let (ce, l2, cost) = (
        get(&latest, "crossEntropy").as_f64().unwrap(),
        get(&latest, "l2").as_f64().unwrap(),
        get(&latest, "cost").as_f64().unwrap(),
    );
    assert_eq!(ce + l2, cost);
    // Six small curves: five statistics, one line per layer that has it, and the weight norm.
    let sparks = Array::from(&get(&v, "sparks"));
    assert_eq!(sparks.length(), 6);
    let lines: u32 = sparks
        .iter()
        .map(|s| Array::from(&get(&s, "layers")).length())
        .sum();
    let arrays = Array::from(&get(&v, "lines"));
    assert_eq!(arrays.length(), lines);
    assert!(arrays.get(0).is_instance_of::<Float64Array>());
    assert_eq!(Array::from(&get(&v, "formulas")).length(), 4);

    let maps = lab.neuron_maps(600.0, 3).unwrap();
    let side = get(&maps, "side").as_f64().unwrap() as u32;
    let units = 23;
    assert_eq!(Float64Array::from(get(&maps, "boxes")).length(), 3 * units);
    // One pointer target per hidden layer (the reg. lab's 20 and 3 units): x, y, width,
    // height, first map, count.
    let targets = Float64Array::from(get(&maps, "targets")).to_vec();
    assert_eq!(targets.len(), 2 * 6);
    assert_eq!(
        (targets[4], targets[5], targets[10], targets[11]),
        (0.0, 20.0, 20.0, 3.0)
    );
    assert_eq!(
        Uint8Array::from(get(&maps, "maps")).length(),
        units * side * side * 4
    );
    let large = get(&maps, "largeSide").as_f64().unwrap() as u32;
    assert_eq!(
        Uint8Array::from(get(&maps, "large")).length(),
        large * large * 4
    );
    assert!(get(&lab.neuron_maps(600.0, -1).unwrap(), "large").is_undefined());
    assert!(Lab::new("preset=gradcheck")
        .unwrap()
        .neuron_maps(600.0, 0)
        .unwrap()
        .is_null());

    let mut chart = Chart::new();
    chart.add(&lab, "");
    assert_eq!(chart.add_views(&lab), ["test", "ce", "l2"]);
    let g = chart.layout(600, 300, false, 1.0).unwrap();
    assert_eq!(Array::from(&get(&g, "lines")).length(), 4);
    assert_eq!(Array::from(&get(&g, "legend")).length(), 4);
}
