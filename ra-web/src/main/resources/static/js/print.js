// The print button of the paper pages (the application form and the receipt); inline scripts are not allowed (CSP).
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  var button = document.getElementById('print');
  if (button) { button.addEventListener('click', function () { window.print(); }); }
});
