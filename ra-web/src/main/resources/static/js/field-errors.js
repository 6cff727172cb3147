// Field errors rendered beside their fields (<span><input …> <span class="error">…</span></span>): each error is tied
// to its field (aria-describedby, aria-invalid) so a screen reader reads it with the field, and the keyboard's focus
// goes to the first field in error. Loaded by every page (fragments/layout).
(function () {
  'use strict';
  function wire() {
    // The skip link's target, for a page whose <main> has no id of its own.
    const main = document.querySelector('main');
    if (main && !document.getElementById('main')) { main.id = 'main'; }
    let first = null;
    document.querySelectorAll('main .error').forEach(function (error, i) {
      const field = error.parentElement && error.parentElement.querySelector('input:not([type=hidden]), select, textarea');
      if (!field) { return; }
      if (!error.id) { error.id = (field.id || field.name || 'field') + '-error-' + i; }
      const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (described.indexOf(error.id) < 0) { described.push(error.id); }
      field.setAttribute('aria-describedby', described.join(' '));
      field.setAttribute('aria-invalid', 'true');
      if (!first) { first = field; }
    });
    if (first) { first.focus(); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', wire); } else { wire(); }
})();
