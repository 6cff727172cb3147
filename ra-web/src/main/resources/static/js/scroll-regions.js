// On a phone a wide table scrolls inside its own box (app.css); a keyboard user can only scroll a box that takes the
// focus, so each table wider than its box becomes a focusable region named by its caption or first header row.
// Loaded by every page (fragments/layout); tables that fit stay out of the tab order.
(function () {
  'use strict';
  function mark() {
    document.querySelectorAll('main table').forEach(markOne);
  }
  function markOne(table) {
    if (table.scrollWidth > table.clientWidth || table.scrollHeight > table.clientHeight) {
      table.setAttribute('tabindex', '0');
      if (!table.hasAttribute('aria-label') && !table.querySelector('caption')) {
        const head = table.querySelector('tr');
        if (head) { table.setAttribute('aria-label', head.textContent.replace(/\s+/g, ' ').trim()); }
      }
    } else if (table.getAttribute('tabindex') === '0') {
      table.removeAttribute('tabindex');
    }
  }
  // A table's box changes after layout (a phone's viewport, fonts, a resized window): watch each one.
  function watch() {
    mark();
    if (window.ResizeObserver) {
      const observer = new ResizeObserver(function (entries) { entries.forEach(function (e) { markOne(e.target); }); });
      document.querySelectorAll('main table').forEach(function (table) { observer.observe(table); });
    }
    window.addEventListener('resize', mark);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', watch); } else { watch(); }
})();
