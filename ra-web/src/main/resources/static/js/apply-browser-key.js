// The online application's collection step with a key made in the applicant's browser (GOST-UZ, gost-uz.js): the key
// pair and its PKCS#10 request are made here, the request and the mailed one-time code go to /apply/collect, and the
// issued certificate comes back into a DS….pfx (key-file.js) saved from the browser. The private key never leaves it.
(function () {
  'use strict';
  const button = document.getElementById('browser-key-collect');
  if (!button) { return; }
  const say = button.dataset;
  const status = document.getElementById('browser-key-status');
  const form = document.getElementById('collect-form');

  function Explained(text) { this.explained = text; }
  function text(page, id) {
    const element = page.getElementById(id);
    return element ? element.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  async function collect() {
    const code = document.getElementById('code');
    const password = document.getElementById('browser-key-password');
    const repeat = document.getElementById('browser-key-repeat');
    if (!window.GostUz || !window.KeyFile || typeof BigInt !== 'function' || !window.crypto.subtle) {
      throw new Explained(say.unsupported);
    }
    if (!code.value.trim()) { code.focus(); throw new Explained(say.noCode); }
    if (password.value.length < 8) { password.focus(); throw new Explained(say.shortPassword); }
    if (password.value !== repeat.value) { repeat.focus(); throw new Explained(say.mismatch); }

    const pair = window.GostUz.generateKeyPair();
    const request = window.GostUz.certificationRequest(pair, [['2.5.4.3', 'E-IMZO applicant']]);
    const body = new FormData();
    body.append('code', code.value.trim());
    body.append('csrText', request.pem);
    const token = form.querySelector('input[name=_csrf]');
    if (token) { body.append('_csrf', token.value); }
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const pem = page.getElementById('certificate-pem');
    if (!pem) {
      throw new Explained(say.refused + ' ' + (text(page, 'error') || response.status));
    }
    const chain = window.KeyFile.certificates(pem.textContent);
    const name = text(page, 'pfx-name');
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
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = say.working;
    try {
      await collect();
      status.textContent = say.done;
      document.getElementById('browser-key-save').focus();
    } catch (e) {
      status.textContent = e instanceof Explained ? e.explained : say.failed + ' ' + (e && e.message ? e.message : String(e));
      button.disabled = false;
    }
  });
})();
