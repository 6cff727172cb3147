// A GOST-UZ key made in the holder's browser (gost-uz.js) and issued through one of the page's forms: the key pair and
// its PKCS#10 request are made here, the request goes to the form's action with fetch (CSRF token included), and the
// answer page gives the chain and the file's name for a DS….pfx (key-file.js) saved with the password typed here.
// The private key never leaves the page; there is no P-256 fallback. Used by the online application's collection step
// (a mailed one-time code goes with the request) and by the registrar's desk (the request's issue form, then hidden).
// The button says which: data-form (the form's id), data-code-field (a field whose value must go too, optional),
// data-key-option (sent as keyOption, optional), data-hide-form (hide the form once issued), and the texts.
(function () {
  'use strict';
  const button = document.querySelector('button[data-gost-browser-key]');
  const form = button && document.getElementById(button.dataset.form);
  if (!button || !form) { return; }
  const say = button.dataset;
  const status = document.getElementById('browser-key-status');

  function Explained(text) { this.explained = text; }
  function text(page, id) {
    const element = page.getElementById(id);
    return element ? element.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  async function issue() {
    const code = say.codeField ? document.getElementById(say.codeField) : null;
    const password = document.getElementById('browser-key-password');
    const repeat = document.getElementById('browser-key-repeat');
    if (!window.GostUz || !window.KeyFile || typeof BigInt !== 'function' || !window.crypto || !window.crypto.subtle) {
      throw new Explained(say.unsupported);
    }
    if (code && !code.value.trim()) { code.focus(); throw new Explained(say.noCode); }
    if (password.value.length < 8) { password.focus(); throw new Explained(say.shortPassword); }
    if (password.value !== repeat.value) { repeat.focus(); throw new Explained(say.mismatch); }

    const pair = window.GostUz.generateKeyPair();
    const request = window.GostUz.certificationRequest(pair, [['2.5.4.3', 'E-IMZO applicant']]);
    const body = new FormData();
    if (code) { body.append(code.name, code.value.trim()); }
    if (say.keyOption) { body.append('keyOption', say.keyOption); }
    body.append('csrText', request.pem);
    const token = form.querySelector('input[name=_csrf]');
    if (token) { body.append('_csrf', token.value); }
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const pem = page.getElementById('certificate-pem');
    if (!pem) {
      throw new Explained(say.refused + ' ' + (text(page, 'error') || response.status));
    }
    // The server names the file as it names its own DS….pfx; a page without the name still gets a usable file.
    const name = text(page, 'pfx-name') || 'DS.pfx';
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
    if (say.hideForm !== undefined) {
      // Issued: the request cannot be issued again, so its form goes.
      form.hidden = true;
    }
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
