// Renewal in the applicant's browser: the PKCS#12 file is opened here (WebCrypto: PBES2, PBKDF2, AES-CBC), the current
// key signs the page's challenge as CMS SignedData, a new key of the same algorithm and its PKCS#10 request are made
// here, and the new certificate comes back into a new PKCS#12 file saved from the browser. Neither the file nor any key
// is uploaded. P-256 keys through WebCrypto; GOST-UZ (E-IMZO) keys through gost-uz.js, the new one in the agent's
// PKCS#8 form in a DS….pfx; a holder is never moved from GOST-UZ to P-256 (without gost-uz.js nothing is sent).
(function () {
  'use strict';
  const button = document.getElementById('browser-renew');
  if (!button || !window.crypto || !window.crypto.subtle) { return; }
  const subtle = window.crypto.subtle;
  const status = document.getElementById('browser-renew-status');

  // --- DER ---
  function len(n) {
    if (n < 0x80) { return [n]; }
    const out = [];
    while (n > 0) { out.unshift(n & 0xff); n >>= 8; }
    return [0x80 | out.length].concat(out);
  }
  function tlv(tag, bytes) { return [tag].concat(len(bytes.length), Array.from(bytes)); }
  // Parts may be typed arrays (slices of a parsed file): spread them, concat would nest them.
  function join(parts) { return [].concat(...parts.map(p => Array.from(p))); }
  function seq(...parts) { return tlv(0x30, join(parts)); }
  function set(...parts) { return tlv(0x31, join(parts)); }
  function octets(bytes) { return tlv(0x04, bytes); }
  function explicit(n, bytes) { return tlv(0xa0 + n, bytes); }
  function small(n) { return tlv(0x02, [n]); }
  function oid(dotted) {
    const p = dotted.split('.').map(Number);
    const out = [40 * p[0] + p[1]];
    for (const v of p.slice(2)) {
      const stack = [v & 0x7f];
      let x = Math.floor(v / 128);
      while (x > 0) { stack.unshift(0x80 | (x & 0x7f)); x = Math.floor(x / 128); }
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
  /** Reads one TLV at offset: {tag, start (of content), end, whole: [from, end)}. */
  function read(bytes, offset) {
    const tag = bytes[offset];
    let length = bytes[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      length = 0;
      for (let i = 0; i < count; i++) { length = length * 256 + bytes[start + i]; }
      start += count;
    }
    return { tag, start, end: start + length, from: offset };
  }
  function children(bytes, node) {
    const out = [];
    for (let at = node.start; at < node.end;) { const c = read(bytes, at); out.push(c); at = c.end; }
    return out;
  }
  function content(bytes, node) { return bytes.slice(node.start, node.end); }
  function whole(bytes, node) { return bytes.slice(node.from, node.end); }
  function oidText(bytes, node) {
    const b = content(bytes, node);
    const parts = [Math.floor(b[0] / 40), b[0] % 40];
    let v = 0;
    for (let i = 1; i < b.length; i++) { v = v * 128 + (b[i] & 0x7f); if (!(b[i] & 0x80)) { parts.push(v); v = 0; } }
    return parts.join('.');
  }
  function pem(label, bytes) {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) { text += String.fromCharCode(...bytes.slice(i, i + 0x8000)); }
    return '-----BEGIN ' + label + '-----\n' + btoa(text).replace(/(.{64})/g, '$1\n') + '\n-----END ' + label + '-----\n';
  }
  function unpem(text) {
    return Array.from(text.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g))
      .map(m => Uint8Array.from(atob(m[1].replace(/\s/g, '')), c => c.charCodeAt(0)));
  }

  const DATA = '1.2.840.113549.1.7.1', ENCRYPTED_DATA = '1.2.840.113549.1.7.6', SIGNED_DATA = '1.2.840.113549.1.7.2';
  const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2', CERT_BAG = '1.2.840.113549.1.12.10.1.3';
  const X509 = '1.2.840.113549.1.9.22.1', LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
  const PBES2 = '1.2.840.113549.1.5.13', PBKDF2 = '1.2.840.113549.1.5.12';
  const AES256_CBC = '2.16.840.1.101.3.4.1.42', SHA256 = '2.16.840.1.101.3.4.2.1', ECDSA_SHA256 = '1.2.840.10045.4.3.2';

  // --- PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as the JDK and openssl 3 write PKCS#12 files (key-file.js writes) ---
  async function pbes2Key(password, salt, iterations, usage) {
    const base = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
    return subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base, { name: 'AES-CBC', length: 256 },
      false, [usage]);
  }
  async function decrypt(bytes, algorithm, encrypted, password) {
    const [algOid, params] = children(bytes, algorithm);
    if (oidText(bytes, algOid) !== PBES2) { throw new Error('unsupported PKCS#12 encryption (only PBES2/AES)'); }
    const [kdf, scheme] = children(bytes, params);
    const [kdfOid, kdfParams] = children(bytes, kdf);
    if (oidText(bytes, kdfOid) !== PBKDF2) { throw new Error('unsupported key derivation'); }
    const kp = children(bytes, kdfParams);
    const salt = content(bytes, kp[0]);
    let iterations = 0;
    for (const b of content(bytes, kp[1])) { iterations = iterations * 256 + b; }
    const [schemeOid, iv] = children(bytes, scheme);
    if (oidText(bytes, schemeOid) !== AES256_CBC) { throw new Error('unsupported cipher'); }
    const key = await pbes2Key(password, salt, iterations, 'decrypt');
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: content(bytes, iv) }, key, encrypted));
  }
  // --- reading the applicant's PKCS#12 ---
  async function openPkcs12(bytes, password) {
    const pfx = children(bytes, read(bytes, 0));
    const authSafeContent = children(bytes, pfx[1]);
    const authSafeOctets = children(bytes, authSafeContent[1])[0];
    const safes = children(bytes, read(bytes, authSafeOctets.start));
    const keys = [], certs = [];
    for (const info of safes) {
      const [type, wrapped] = children(bytes, info);
      let safeContents;
      if (oidText(bytes, type) === DATA) {
        safeContents = content(bytes, children(bytes, wrapped)[0]);
      } else if (oidText(bytes, type) === ENCRYPTED_DATA) {
        const encryptedData = children(bytes, children(bytes, wrapped)[0]);
        const eci = children(bytes, encryptedData[1]);
        safeContents = await decrypt(bytes, eci[1], content(bytes, eci[2]), password);
      } else { continue; }
      for (const bag of children(safeContents, read(safeContents, 0))) {
        const parts = children(safeContents, bag);
        const bagType = oidText(safeContents, parts[0]);
        const value = children(safeContents, parts[1])[0];
        let id = null;
        if (parts[2]) {
          for (const attribute of children(safeContents, parts[2])) {
            const [attrOid, values] = children(safeContents, attribute);
            if (oidText(safeContents, attrOid) === LOCAL_KEY_ID) {
              id = Array.from(content(safeContents, children(safeContents, values)[0])).join(',');
            }
          }
        }
        if (bagType === SHROUDED_KEY_BAG) {
          const [algorithm, data] = children(safeContents, value);
          keys.push({ id, pkcs8: await decrypt(safeContents, algorithm, content(safeContents, data), password) });
        } else if (bagType === CERT_BAG) {
          const [certType, certValue] = children(safeContents, value);
          if (oidText(safeContents, certType) === X509) {
            certs.push({ id, der: content(safeContents, children(safeContents, certValue)[0]) });
          }
        }
      }
    }
    if (keys.length === 0) { throw new Error('no private key in the file'); }
    const leaf = certs.find(c => c.id !== null && c.id === keys[0].id) || certs[0];
    return { pkcs8: keys[0].pkcs8, certificate: leaf.der };
  }

  // O'z DSt 1092 (2009: 1.2.860.3.15.1.1.2.1; 2024: 1.2.860.3.15.2.1.2.1): WebCrypto cannot sign with such a key or
  // make one; gost-uz.js does both.
  function national(pkcs8) {
    const info = children(pkcs8, read(pkcs8, 0));
    return oidText(pkcs8, children(pkcs8, info[1])[0]).startsWith('1.2.860.3.15.');
  }

  // --- CMS SignedData over the challenge (no signed attributes: the signature covers the text itself) ---
  function ecdsaDer(raw) {
    const half = raw.length / 2;
    return seq(integer(raw.slice(0, half)), integer(raw.slice(half)));
  }
  function signedData(data, certificate, digestOid, signatureOid, signature) {
    const tbs = children(certificate, children(certificate, read(certificate, 0))[0]);
    const fields = tbs[0].tag === 0xa0 ? tbs.slice(1) : tbs;
    const issuerAndSerial = seq(whole(certificate, fields[2]), whole(certificate, fields[0]));
    const signerInfo = seq(small(1), issuerAndSerial, seq(oid(digestOid)), seq(oid(signatureOid)), octets(signature));
    const content = seq(small(1), set(seq(oid(digestOid))), seq(oid(DATA), explicit(0, octets(data))),
      explicit(0, Array.from(certificate)), set(signerInfo));
    return pem('CMS', seq(oid(SIGNED_DATA), explicit(0, content)));
  }
  async function signChallenge(text, pkcs8, certificate) {
    const key = await subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const data = new TextEncoder().encode(text);
    const signature = ecdsaDer(new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data)));
    return signedData(data, certificate, SHA256, ECDSA_SHA256, signature);
  }
  // As the E-IMZO agent signs: digest O'z DSt 1106, signature O'z DSt 1092 (s || r), here without signed attributes.
  async function signChallengeGost(text, pkcs8, certificate) {
    const data = new TextEncoder().encode(text);
    const current = window.GostUz.importPkcs8(pkcs8);
    const signature = current.sign(data);
    if (!current.verify(data, signature)) { throw new Error('the GOST-UZ signature does not verify'); }
    return signedData(data, certificate, window.GostUz.DIGEST_OID, window.GostUz.SIGNATURE_OID, signature);
  }

  // --- the new key and its PKCS#10 request ---
  async function newKeyAndCsr() {
    const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
    const subject = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Array.from(new TextEncoder().encode('E-IMZO renewal'))))));
    const info = seq(small(0), subject, Array.from(spki), [0xa0, 0x00]);
    const raw = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new Uint8Array(info)));
    const csr = seq(info, seq(oid(ECDSA_SHA256)), tlv(0x03, [0x00].concat(ecdsaDer(raw))));
    return { pkcs8: new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey)), csr: pem('CERTIFICATE REQUEST', csr) };
  }
  // The new GOST-UZ key: its request is verified in gost-uz.js before it is returned; its PKCS#8 is the agent's form.
  function newGostKeyAndCsr() {
    const pair = window.GostUz.generateKeyPair();
    const request = window.GostUz.certificationRequest(pair, [['2.5.4.3', 'E-IMZO renewal']]);
    return { pkcs8: pair.pkcs8(), csr: request.pem };
  }

  /** A failure the applicant can act on, already in the page's language (the server's refusals come translated). */
  function Explained(text) { this.explained = text; }
  async function step(promise, text) {
    try { return await promise; } catch (e) { throw e instanceof Explained ? e : new Explained(text); }
  }

  button.addEventListener('click', async () => {
    const file = document.getElementById('pfx-file').files[0];
    const password = document.getElementById('pfx-password').value;
    const newPassword = document.getElementById('pfx-new-password').value || password;
    const form = document.getElementById('renew-form');
    const say = button.dataset;
    if (!file) {
      status.textContent = say.noFile;
      document.getElementById('pfx-file').focus();
      return;
    }
    status.textContent = say.working || '…';
    button.disabled = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let opened;
      try {
        opened = await openPkcs12(bytes, password);
      } catch (e) {
        // WebCrypto's AES-CBC fails on the padding when the password-derived key is wrong.
        throw new Explained(e && e.name === 'OperationError' ? say.wrongPassword : say.notPfx);
      }
      const gost = national(opened.pkcs8);
      if (gost && !(window.GostUz && typeof BigInt === 'function')) {
        throw new Explained(say.gost);
      }
      const challenge = document.getElementById('challenge').textContent;
      const signature = await step(gost ? signChallengeGost(challenge, opened.pkcs8, opened.certificate)
        : signChallenge(challenge, opened.pkcs8, opened.certificate), say.notOurs);
      const fresh = gost ? newGostKeyAndCsr() : await newKeyAndCsr();
      const body = new FormData();
      body.append('signatureText', signature);
      body.append('csrText', fresh.csr);
      body.append('_csrf', form.querySelector('input[name=_csrf]').value);
      const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin',
        headers: { 'X-CSRF-TOKEN': form.querySelector('input[name=_csrf]').value } });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const issued = page.getElementById('new-certificate');
      if (!issued) {
        const error = page.getElementById('error');
        const text = error ? error.textContent.replace(/\s+/g, ' ').trim() : '';
        throw new Explained(say.refused + ' ' + (text || response.status));
      }
      const chain = unpem(issued.textContent);
      const fileName = page.getElementById('pfx-name').textContent;
      const alias = page.getElementById('pfx-alias');
      const pfx = await window.KeyFile.pkcs12(fresh.pkcs8, chain, newPassword,
        alias && alias.textContent ? alias.textContent : fileName.replace('.pfx', ''));
      const save = document.getElementById('browser-renew-save');
      save.href = URL.createObjectURL(new Blob([pfx], { type: 'application/x-pkcs12' }));
      save.download = fileName;
      save.textContent = fileName;
      save.hidden = false;
      document.getElementById('browser-renew-code').textContent = page.getElementById('revocation-code').textContent;
      status.textContent = say.done || 'OK';
    } catch (e) {
      status.textContent = e instanceof Explained ? e.explained
        : (say.failed || 'Failed: ') + (e && e.message ? e.message : String(e));
      button.disabled = false;
    }
  });
})();
