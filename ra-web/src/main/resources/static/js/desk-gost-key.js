// At the registrar's desk under a GOST-UZ issuing CA, the key made in the applicant's browser (gost-uz.js): the key
// pair and its PKCS#10 request are made here, the request is issued with the page's own form (fetch, CSRF token
// included), and the certificate page that answers gives the chain and the file's name for a DS….pfx (key-file.js)
// saved with the password the applicant typed. The private key never leaves the page; there is no P-256 fallback.
(function () {
  'use strict';
  const button = document.getElementById('browser-key-issue');
  const form = document.getElementById('issue-form');
  if (!button || !form) { return; }
  const say = button.dataset;
  const status = document.getElementById('browser-key-status');

  function Explained(text) { this.explained = text; }
  function text(page, id) {
    const element = page.getElementById(id);
    return element ? element.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  async function issue() {
    const password = document.getElementById('browser-key-password');
    const repeat = document.getElementById('browser-key-repeat');
    if (!window.GostUz || !window.KeyFile || typeof BigInt !== 'function' || !window.crypto || !window.crypto.subtle) {
      throw new Explained(say.unsupported);
    }
    if (password.value.length < 8) { password.focus(); throw new Explained(say.shortPassword); }
    if (password.value !== repeat.value) { repeat.focus(); throw new Explained(say.mismatch); }

    const pair = window.GostUz.generateKeyPair();
    const request = window.GostUz.certificationRequest(pair, [['2.5.4.3', 'E-IMZO applicant']]);
    const body = new FormData();
    body.append('keyOption', 'BROWSER_KEY');
    body.append('csrText', request.pem);
    const token = form.querySelector('input[name=_csrf]');
    if (token) { body.append('_csrf', token.value); }
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const pem = page.getElementById('certificate-pem');
    const name = text(page, 'pfx-name');
    if (!pem || !name) {
      throw new Explained(say.refused + ' ' + (text(page, 'error') || response.status));
    }
    const chain = window.KeyFile.certificates(pem.textContent);
    const pfx = await window.KeyFile.pkcs12(pair.pkcs8(), chain, password.value, text(page, 'pfx-alias') || name);
    const save = document.getElementById('browser-key-save');
    save.href = URL.createObjectURL(new Blob([pfx], { type: 'application/x-pkcs12' }));
    save.download = name;
    save.textContent = name;
    save.hidden = false;
    document.getElementById('browser-key-serial').textContent = text(page, 'serial');
    document.getElementById('browser-key-code').textContent = text(page, 'revocation-code');
    document.getElementById('browser-key-result').hidden = false;
    password.value = '';
    repeat.value = '';
    // Issued: the request cannot be issued again, so its form goes.
    form.hidden = true;
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = say.working;
    try {
      await issue();
      status.textContent = say.done;
      document.getElementById('browser-key-save').focus();
    } catch (e) {
      status.textContent = e instanceof Explained ? e.explained : say.failed + ' ' + (e && e.message ? e.message : String(e));
      button.disabled = false;
    }
  });
})();
