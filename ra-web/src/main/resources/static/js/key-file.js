// The holder's key file written in the browser, in the layout the E-IMZO agent lists and opens (docs/gost-uz.md, "Key
// files the E-IMZO agent opens"): PFX version 3, authSafe of type data; the PBES2-shrouded key bag (PBKDF2-HMAC-SHA256,
// AES-256-CBC) in a plain data SafeContents with a BMPString friendlyName and a localKeyId, so the agent lists the alias
// before any password; the certificates in a second plain data SafeContents; an HMAC-SHA256 MAC with the PKCS#12 key
// derivation (RFC 7292 B.2). Used by self-service renewal and by the online application's collection step.
(function (global) {
  'use strict';
  const subtle = global.crypto && global.crypto.subtle;

  function length(n) {
    if (n < 0x80) { return [n]; }
    const out = [];
    for (; n > 0; n = Math.floor(n / 256)) { out.unshift(n & 0xff); }
    return [0x80 | out.length].concat(out);
  }
  function tlv(tag, bytes) { return [tag].concat(length(bytes.length), Array.from(bytes)); }
  function join(parts) { return [].concat(...parts.map(p => Array.from(p))); }
  function seq(...parts) { return tlv(0x30, join(parts)); }
  function set(...parts) { return tlv(0x31, join(parts)); }
  function octets(bytes) { return tlv(0x04, bytes); }
  function explicit(n, bytes) { return tlv(0xa0 + n, bytes); }
  function int(n) {
    const out = [];
    do { out.unshift(n & 0xff); n = Math.floor(n / 256); } while (n > 0);
    if (out[0] & 0x80) { out.unshift(0); }
    return tlv(0x02, out);
  }
  function oid(dotted) {
    const p = dotted.split('.').map(Number);
    const out = [40 * p[0] + p[1]];
    for (const v of p.slice(2)) {
      const stack = [v & 0x7f];
      for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) { stack.unshift(0x80 | (x & 0x7f)); }
      out.push(...stack);
    }
    return tlv(0x06, out);
  }

  const DATA = '1.2.840.113549.1.7.1', SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2', CERT_BAG = '1.2.840.113549.1.12.10.1.3';
  const X509 = '1.2.840.113549.1.9.22.1', LOCAL_KEY_ID = '1.2.840.113549.1.9.21', FRIENDLY_NAME = '1.2.840.113549.1.9.20';
  const PBES2 = '1.2.840.113549.1.5.13', PBKDF2 = '1.2.840.113549.1.5.12', HMAC_SHA256 = '1.2.840.113549.2.9';
  const AES256_CBC = '2.16.840.1.101.3.4.1.42', SHA256 = '2.16.840.1.101.3.4.2.1';
  const ITERATIONS = 10000;

  async function encrypt(plain, password) {
    const salt = global.crypto.getRandomValues(new Uint8Array(16)), iv = global.crypto.getRandomValues(new Uint8Array(16));
    const base = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
    const key = await subtle.deriveKey({ name: 'PBKDF2', salt, iterations: ITERATIONS, hash: 'SHA-256' }, base,
      { name: 'AES-CBC', length: 256 }, false, ['encrypt']);
    const cipher = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, key, new Uint8Array(plain)));
    const algorithm = seq(oid(PBES2), seq(
      seq(oid(PBKDF2), seq(octets(salt), int(ITERATIONS), seq(oid(HMAC_SHA256), [0x05, 0x00]))),
      seq(oid(AES256_CBC), octets(iv))));
    return { algorithm, cipher };
  }
  function bmp(text) {
    const out = [];
    for (const ch of text) { const c = ch.charCodeAt(0); out.push(c >> 8, c & 0xff); }
    return out;
  }
  function stretch(bytes, size) {
    const out = [];
    if (bytes.length === 0) { return out; }
    const total = Math.ceil(bytes.length / size) * size;
    for (let i = 0; i < total; i++) { out.push(bytes[i % bytes.length]); }
    return out;
  }
  async function macKey(password, salt) {
    // One SHA-256 output (32 bytes) is the whole HMAC key, so a single block of the KDF is enough.
    let a = new Uint8Array([].concat(new Array(64).fill(3), stretch(Array.from(salt), 64),
      stretch(bmp(password).concat([0, 0]), 64)));
    for (let i = 0; i < ITERATIONS; i++) { a = new Uint8Array(await subtle.digest('SHA-256', a)); }
    return subtle.importKey('raw', a, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }

  /** The PFX bytes: the PKCS#8 key, its certificate first in {@code chain} (DER), then the issuers; {@code alias} listed. */
  async function pkcs12(pkcs8, chain, password, alias) {
    const id = octets(Array.from(new Uint8Array(await subtle.digest('SHA-256', chain[0]))).slice(0, 20));
    const keyAttrs = set(seq(oid(LOCAL_KEY_ID), set(id)), seq(oid(FRIENDLY_NAME), set(tlv(0x1e, bmp(alias)))));
    const shrouded = await encrypt(pkcs8, password);
    const keyBag = seq(oid(SHROUDED_KEY_BAG), explicit(0, seq(shrouded.algorithm, octets(shrouded.cipher))), keyAttrs);
    const certBags = chain.map((der, i) => seq(oid(CERT_BAG), explicit(0, seq(oid(X509), explicit(0, octets(der)))),
      i === 0 ? set(seq(oid(LOCAL_KEY_ID), set(id))) : []));
    const authSafe = seq(
      seq(oid(DATA), explicit(0, octets(seq(keyBag)))),
      seq(oid(DATA), explicit(0, octets(seq(...certBags)))));
    const salt = global.crypto.getRandomValues(new Uint8Array(16));
    const mac = new Uint8Array(await subtle.sign('HMAC', await macKey(password, salt), new Uint8Array(authSafe)));
    const macData = seq(seq(seq(oid(SHA256), [0x05, 0x00]), octets(mac)), octets(salt), int(ITERATIONS));
    return new Uint8Array(seq(tlv(0x02, [3]), seq(oid(DATA), explicit(0, octets(authSafe))), macData));
  }

  /** The DER certificates of PEM text, in order. */
  function certificates(text) {
    return Array.from(text.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g))
      .map(m => Uint8Array.from(atob(m[1].replace(/\s/g, '')), c => c.charCodeAt(0)));
  }

  global.KeyFile = Object.freeze({ pkcs12, certificates });
})(window);
