//! Classroom links, bound: what a teacher's link locks, hides and asks
//! (`nnlab_core::run::quiz`), the lock's guard against later links, the
//! "share as assignment" query and why a link has no QR code (the QR code
//! and the NumPy script are the tools module's, `crates/nnlab-tools`).

use crate::lab::{js, Lab};
use crate::serializer;
use nnlab_core::config::{assignment, edit, link};
use nnlab_core::run::quiz;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Lab {
    /// `{locked, hidden, task, quiz: "gradients" | "accuracy" | null,
    /// quizParams, embed, fullQuery}` (see `ClassroomInfo`).
    pub fn classroom(&self) -> Result<JsValue, JsError> {
        let info = quiz::ClassroomInfo::of(self.config(), self.view());
        Ok(info.serialize(&serializer())?)
    }

    /// Fails (naming the key) when `link` changes what this page's `lock`
    /// fixed; the page then keeps its run.
    pub fn allows(&self, link: &str) -> Result<(), JsError> {
        let next = link::parse(link).map_err(js)?;
        assignment::guard((self.config(), self.view()), (&next.config, &next.view)).map_err(js)
    }

    /// The query with `keys[i]` set to `values[i]` (the assignment's task,
    /// lock, hide, quiz, embed).
    pub fn assignment(&self, keys: Vec<String>, values: Vec<String>) -> Result<String, JsError> {
        let pairs: Vec<(String, String)> = keys.into_iter().zip(values).collect();
        edit::query_with_keys(self.config(), self.view(), &pairs).map_err(js)
    }

    /// The gradient quiz's answer for the picked parameter names: one
    /// sentence per line (`run::quiz::grade`).
    #[wasm_bindgen(js_name = gradeQuiz)]
    pub fn grade_quiz(&self, picks: Vec<String>) -> Vec<String> {
        let params = quiz::ClassroomInfo::of(self.config(), self.view()).quiz_params;
        quiz::grade(&params, &quiz::wrong_gradients(self.config().bugs), &picks)
    }

    /// The accuracy quiz's answer to a predicted percentage (an error names
    /// `prediction` and the text).
    #[wasm_bindgen(js_name = revealAccuracy)]
    pub fn reveal_accuracy(&self, predicted: &str) -> Result<String, JsError> {
        let test = self.trainer.accuracy().1;
        quiz::prediction(predicted, test, self.trainer.iteration()).map_err(js)
    }
}

/// Why `text` has no QR code (the page's tools module gave none: too long).
#[wasm_bindgen(js_name = qrRefused)]
pub fn qr_refused(text: &str) -> String {
    assignment::qr_refused(text.chars().count())
}
