//! Own points for the link fuzz (`link_fuzz.rs`): valid encodings, and
//! hostile ones (cut, changed, forged with a right checksum).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use nnlab_core::data::points::Points;
use proptest::prelude::*;

/// Own points in a link: a valid encoding of `n` points.
pub fn own_points(n: usize) -> String {
    let xy: Vec<[f64; 2]> = (0..n)
        .map(|i| [i as f64 * 3.5 - 7.0, (i * i % 17) as f64])
        .collect();
    let labels: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
    Points::new(&xy, &labels, None, 0.25, 1).unwrap().encode()
}

/// Own points with numeric labels (regression's): a valid encoding
/// (version 2) of `n` points.
pub fn own_values(n: usize) -> String {
    let xy: Vec<[f64; 2]> = (0..n)
        .map(|i| [i as f64 * 1.5 - 7.0, (i * i % 13) as f64])
        .collect();
    let y: Vec<f64> = (0..n).map(|i| (i as f64 * 0.7).sin() * 3.0).collect();
    Points::with_values(&xy, &y, None, 0.25, 1)
        .unwrap()
        .encode()
}

/// `points=` values: valid, truncated, one character changed, random
/// base64url, and forged (checksum right, contents hostile).
pub fn points_value() -> impl Strategy<Value = String> {
    let valid = own_points(20);
    let (cut, changed) = (valid.clone(), valid.clone());
    prop_oneof![
        1 => Just(valid.clone()),
        2 => (0..valid.len()).prop_map(move |k| cut[..k].to_string()),
        2 => (0..valid.len(), proptest::sample::select(vec!['A', 'z', '0', '-', '_', '='])).prop_map(
            move |(k, c)| {
                let mut t: Vec<char> = changed.chars().collect();
                t[k] = c;
                t.into_iter().collect()
            }
        ),
        1 => "[A-Za-z0-9_-]{0,120}",
        2 => (0usize..44, any::<u8>()).prop_map(|(at, byte)| forge(&own_points(20), |b| b[at] = byte)),
        1 => Just(own_values(20)),
        2 => (0usize..60, any::<u8>()).prop_map(|(at, byte)| forge(&own_values(20), |b| b[at] = byte)),
    ]
}

/// `text` decoded, changed by `edit`, with its checksum made right again.
pub fn forge(text: &str, edit: impl Fn(&mut Vec<u8>)) -> String {
    let mut b = URL_SAFE_NO_PAD.decode(text).unwrap();
    b.truncate(b.len() - 4);
    edit(&mut b);
    let crc = nnlab_core::data::checksum::checksum(&b);
    b.extend_from_slice(&crc.to_le_bytes());
    URL_SAFE_NO_PAD.encode(b)
}
