// Guess before reveal (quiz=1). On a gradient check with planted bugs the per-parameter
// errors stay hidden (body[data-quiz="gradients-ask"], CSS) until the student ticks the
// parameters they think are wrong and clicks Reveal; elsewhere the test accuracy stays
// hidden (body[data-quiz="accuracy-ask"]) until they enter a prediction. Every answer is the
// engine's sentences (lab.gradeQuiz, lab.revealAccuracy).

import { h, messageOf } from "./dom.js";

/** Binds the quiz elements of the page (ids from index.html); `getLab` gives the Lab. */
export function createQuiz(getLab, doc = document) {
  const $ = (id) => doc.getElementById(id);
  const picks = $("quiz-params");
  const grades = $("quiz-grades");
  const form = $("quiz-accuracy");
  const guess = $("quiz-guess");
  const answer = $("quiz-accuracy-answer");
  let kind = null;

  function reset() {
    grades.replaceChildren();
    answer.textContent = "";
    guess.value = "";
    guess.setAttribute("aria-invalid", "false");
    $("quiz-reveal").disabled = false;
    for (const box of picks.querySelectorAll("input")) box.disabled = false;
  }

  /** `ask` or `revealed`: the page's CSS hides the answer while asking. */
  function show(ask) {
    doc.body.dataset.quiz = kind ? `${kind}-${ask}` : "";
  }

  $("quiz-reveal").addEventListener("click", () => {
    const picked = [...picks.querySelectorAll("input:checked")].map((b) => b.value);
    const lines = getLab().gradeQuiz(picked);
    grades.replaceChildren(...lines.map((line) => h("li", {}, line)));
    for (const box of picks.querySelectorAll("input")) box.disabled = true;
    $("quiz-reveal").disabled = true;
    show("revealed");
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    try {
      answer.textContent = getLab().revealAccuracy(guess.value);
      guess.setAttribute("aria-invalid", "false");
      show("revealed");
    } catch (err) {
      answer.textContent = messageOf(err);
      guess.setAttribute("aria-invalid", "true");
    }
  });

  return {
    /** Shows the quiz of a link (`info` from lab.classroom()); `fresh`: a new run, asked
     *  again. */
    apply(info, fresh) {
      const next = info.quiz;
      const changed = next !== kind;
      kind = next;
      $("quiz-gradients").hidden = kind !== "gradients";
      form.hidden = kind !== "accuracy";
      const names = info.quizParams.join(",");
      if (picks.dataset.names !== names) {
        picks.dataset.names = names;
        picks.replaceChildren(
          ...info.quizParams.map((p) =>
            h("label", { class: "quiz-pick" }, h("input", { type: "checkbox", value: p, "data-testid": `quiz-pick-${p}` }), ` ${p}`),
          ),
        );
      }
      if (fresh || changed) {
        reset();
        show("ask");
      }
    },
  };
}
