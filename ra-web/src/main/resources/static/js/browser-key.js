// Key generation in the applicant's browser (WebCrypto, ECDSA P-256): the private key never leaves it.
// Builds a PKCS#10 request by hand (a few DER structures), puts it in the form, and offers the key for saving.
(function () {
  'use strict';
  const form = document.getElementById('issue-form');
  // Loaded under an ECDSA issuing CA only (a GOST-UZ CA's page makes the key with gost-browser-key.js instead).
  if (!form || !window.crypto || !window.crypto.subtle
      || !form.querySelector('input[name=keyOption][value=BROWSER_KEY]')) { return; }

  function len(n) {
    if (n < 0x80) { return [n]; }
    const out = [];
    while (n > 0) { out.unshift(n & 0xff); n >>= 8; }
    return [0x80 | out.length].concat(out);
  }
  function tlv(tag, bytes) { return [tag].concat(len(bytes.length), Array.from(bytes)); }
  function seq(...parts) { return tlv(0x30, [].concat(...parts)); }
  function oid(dotted) {
    const p = dotted.split('.').map(Number);
    const out = [40 * p[0] + p[1]];
    for (const v of p.slice(2)) {
      const stack = [v & 0x7f];
      let x = v >> 7;
      while (x > 0) { stack.unshift(0x80 | (x & 0x7f)); x >>= 7; }
      out.push(...stack);
    }
    return tlv(0x06, out);
  }
  function integer(bytes) {
    let b = Array.from(bytes);
    while (b.length > 1 && b[0] === 0 && (b[1] & 0x80) === 0) { b.shift(); }
    if (b[0] & 0x80) { b.unshift(0); }
    return tlv(0x02, b);
  }
  function utf8(s) { return tlv(0x0c, Array.from(new TextEncoder().encode(s))); }
  function pem(label, bytes) {
    const b64 = btoa(String.fromCharCode(...bytes)).replace(/(.{64})/g, '$1\n');
    return '-----BEGIN ' + label + '-----\n' + b64 + '\n-----END ' + label + '-----\n';
  }

  async function generate() {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
    const subject = seq(tlv(0x31, seq(oid('2.5.4.3'), utf8('E-IMZO applicant'))));
    const info = seq([0x02, 0x01, 0x00], subject, Array.from(spki), [0xa0, 0x00]);
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new Uint8Array(info)));
    const signature = seq(integer(raw.slice(0, 32)), integer(raw.slice(32)));
    const csr = seq(info, seq(oid('1.2.840.10045.4.3.2')), tlv(0x03, [0x00].concat(signature)));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    return { csr: pem('CERTIFICATE REQUEST', csr), key: pem('PRIVATE KEY', Array.from(pkcs8)) };
  }

  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'browser-key';
  button.textContent = form.dataset.generateLabel || 'Generate key in this browser';
  const saved = document.createElement('a');
  saved.id = 'browser-key-save';
  saved.hidden = true;
  saved.download = 'eimzo-private-key.pem';
  saved.textContent = form.dataset.saveLabel || 'Save the private key';
  button.addEventListener('click', async () => {
    button.disabled = true;
    const result = await generate();
    form.querySelector('textarea[name=csrText]').value = result.csr;
    form.querySelector('input[name=keyOption][value=BROWSER_KEY]').checked = true;
    saved.href = URL.createObjectURL(new Blob([result.key], { type: 'application/x-pem-file' }));
    saved.hidden = false;
  });
  const hint = form.querySelector('small');
  hint.parentNode.appendChild(document.createElement('br'));
  hint.parentNode.appendChild(button);
  hint.parentNode.appendChild(document.createTextNode(' '));
  hint.parentNode.appendChild(saved);
})();
