// The application form: birth date and sex read from the PINFL as it is typed (its public rule: the first digit is
// the century and sex, odd male, 3-4 the 1900s, 5-6 the 2000s; the next six the birth date DDMMYY), a warning when
// typed values disagree with it (the server checks the same), and the district list narrowed to the chosen region.
(function () {
  'use strict';
  // The registrar's form, or the public application (which has no PINFL hint to fill).
  const form = document.getElementById('application-form') || document.getElementById('apply-form');
  if (!form) { return; }
  const pinfl = document.getElementById('pinfl');
  const birthDate = document.getElementById('birthDate');
  const sex = document.getElementById('sex');
  const hint = document.getElementById('pinfl-derived');
  const hintText = hint ? hint.textContent : '';

  function derived(value) {
    if (!/^[3-6][0-9]{13}$/.test(value)) { return null; }
    const first = Number(value[0]);
    const year = (first <= 4 ? 1900 : 2000) + Number(value.substring(5, 7));
    const date = year + '-' + value.substring(3, 5) + '-' + value.substring(1, 3);
    return { date: date, sex: first % 2 === 1 ? 'M' : 'F' };
  }

  function check() {
    const d = derived(pinfl.value.trim());
    if (!d) { if (hint) { hint.textContent = hintText; } return; }
    if (!birthDate.value) { birthDate.value = d.date; }
    if (!sex.value) { sex.value = d.sex; }
    const problems = [];
    if (birthDate.value && birthDate.value !== d.date) { problems.push(form.dataset.mismatchBirth); }
    if (sex.value && sex.value !== d.sex) { problems.push(form.dataset.mismatchSex); }
    if (hint) {
      hint.textContent = problems.length ? problems.join('; ') : hintText;
      hint.classList.toggle('error', problems.length > 0);
    }
  }

  if (pinfl && birthDate && sex) {
    pinfl.addEventListener('input', check);
    birthDate.addEventListener('change', check);
    sex.addEventListener('change', check);
    check();
  }

  const region = document.getElementById('region');
  const district = document.getElementById('district');
  function narrow() {
    if (!region || !district) { return; }
    for (const group of district.querySelectorAll('optgroup')) {
      const shown = !region.value || group.dataset.region === region.value;
      group.hidden = !shown;
      group.disabled = !shown;
    }
    const chosen = district.selectedOptions[0];
    if (chosen && chosen.parentElement.tagName === 'OPTGROUP' && chosen.parentElement.disabled) { district.value = ''; }
  }
  if (region && district) {
    region.addEventListener('change', narrow);
    narrow();
  }
})();
