// A lesson's knowledge checks (layouts/partials/checks/checks.html): Check says whether the
// chosen answer is right and why, in the question's status line; another answer may follow.
for (const form of document.querySelectorAll('form[data-check]')) {
  const result = form.querySelector('.check-result');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name="answer"]:checked');
    for (const label of form.querySelectorAll('.check-option')) label.classList.remove('is-right', 'is-wrong');
    if (!chosen) {
      result.className = 'check-result';
      result.textContent = 'Choose an answer first.';
      return;
    }
    const right = chosen.hasAttribute('data-right');
    chosen.closest('label').classList.add(right ? 'is-right' : 'is-wrong');
    result.className = `check-result ${right ? 'is-right' : 'is-wrong'}`;
    const verdict = document.createElement('strong');
    verdict.textContent = right ? 'Right. ' : 'Not quite. ';
    const why = form.querySelector(`template[data-feedback="${chosen.value}"]`).content.cloneNode(true);
    result.replaceChildren(verdict, why);
    form.dataset.answered = right ? 'right' : 'wrong';
  });
}
