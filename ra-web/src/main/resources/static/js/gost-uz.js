// O'z DSt 1092:2009-2 keys and signatures over O'z DSt 1106:2009 hashes, in the browser, with no library: WebCrypto has
// no GOST. The mathematics is GOST R 34.10-2001 on the CryptoPro-A curve over GOST R 34.11-94 with the CryptoPro S-box,
// with the byte orders of uz.eimzo.ca.gost (ca-crypto), against which GostUzJavaScriptTest proves it bit for bit:
//   hash       as the Java digest emits it; the signed integer e is that hash read little-endian;
//   signature  s then r, 32 bytes each, big-endian;
//   public key SubjectPublicKeyInfo { 1.2.860.3.15.1.1.2.1, SEQUENCE { 1.2.860.3.15.1.1.2.1.1 } },
//              an OCTET STRING of x then y, each 32 bytes little-endian, in the BIT STRING;
//   private key the E-IMZO agent's PKCS#8: { key OID, bare parameter-set OID }, SEC1 ECPrivateKey with the scalar
//              big-endian (the CryptoPro form, a 32-byte little-endian OCTET STRING, is also read).
// Randomness comes from crypto.getRandomValues only. BigInt arithmetic is not constant-time: a local attacker timing
// this page could learn about the key; the key is made once, on the holder's own machine.
(function (global) {
  'use strict';

  const KEY_OID = '1.2.860.3.15.1.1.2.1';
  const PARAM_SET_A_OID = '1.2.860.3.15.1.1.2.1.1';
  const SIGNATURE_OID = '1.2.860.3.15.1.1.2.2.2.2';
  const DIGEST_OID = '1.2.860.3.15.1.3.2.1.1';
  const KEY_2024_OID = '1.2.860.3.15.2.1.2.1';

  // --- the CryptoPro-A curve: y^2 = x^3 + ax + b over GF(p), base point G of prime order n ---
  const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n;
  const A = P - 3n;
  const B = 0xa6n;
  const N = 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n;
  const G = { x: 1n, y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n };

  function mod(a, m) { const r = a % m; return r < 0n ? r + m : r; }
  function inverse(a, m) {
    let [r0, r1, t0, t1] = [mod(a, m), m, 1n, 0n];
    while (r1 !== 0n) {
      const q = r0 / r1;
      [r0, r1] = [r1, r0 - q * r1];
      [t0, t1] = [t1, t0 - q * t1];
    }
    if (r0 !== 1n) { throw new Error('not invertible'); }
    return mod(t0, m);
  }

  // Jacobian coordinates (X, Y, Z) for x = X/Z^2, y = Y/Z^3; Z = 0 is the point at infinity.
  const INFINITY = { X: 1n, Y: 1n, Z: 0n };
  function jacobian(p) { return { X: p.x, Y: p.y, Z: 1n }; }
  function double(p) {
    if (p.Z === 0n || p.Y === 0n) { return INFINITY; }
    const yy = mod(p.Y * p.Y, P);
    const s = mod(4n * p.X * yy, P);
    const zz = mod(p.Z * p.Z, P);
    const m = mod(3n * p.X * p.X + A * zz * zz, P);
    const x = mod(m * m - 2n * s, P);
    const y = mod(m * (s - x) - 8n * yy * yy, P);
    return { X: x, Y: y, Z: mod(2n * p.Y * p.Z, P) };
  }
  function add(p, q) {
    if (p.Z === 0n) { return q; }
    if (q.Z === 0n) { return p; }
    const pz2 = mod(p.Z * p.Z, P), qz2 = mod(q.Z * q.Z, P);
    const u1 = mod(p.X * qz2, P), u2 = mod(q.X * pz2, P);
    const s1 = mod(p.Y * qz2 * q.Z, P), s2 = mod(q.Y * pz2 * p.Z, P);
    if (u1 === u2) { return s1 === s2 ? double(p) : INFINITY; }
    const h = mod(u2 - u1, P), r = mod(s2 - s1, P);
    const hh = mod(h * h, P), hhh = mod(hh * h, P);
    const x = mod(r * r - hhh - 2n * u1 * hh, P);
    const y = mod(r * (u1 * hh - x) - s1 * hhh, P);
    return { X: x, Y: y, Z: mod(h * p.Z * q.Z, P) };
  }
  function affine(p) {
    if (p.Z === 0n) { return null; }
    const zi = inverse(p.Z, P), zi2 = mod(zi * zi, P);
    return { x: mod(p.X * zi2, P), y: mod(p.Y * zi2 * zi, P) };
  }
  function multiply(k, point) {
    let result = INFINITY;
    let addend = jacobian(point);
    for (let e = k; e > 0n; e >>= 1n) {
      if (e & 1n) { result = add(result, addend); }
      addend = double(addend);
    }
    return affine(result);
  }
  function onCurve(p) {
    return p !== null && p.x >= 0n && p.x < P && p.y >= 0n && p.y < P
      && mod(p.y * p.y - (p.x * p.x * p.x + A * p.x + B), P) === 0n;
  }

  // --- byte orders ---
  function bigEndian(value, size) {
    const out = new Uint8Array(size);
    for (let i = size - 1, v = value; i >= 0; i--, v >>= 8n) { out[i] = Number(v & 0xffn); }
    return out;
  }
  function littleEndian(value, size) { return bigEndian(value, size).reverse(); }
  function fromBigEndian(bytes) {
    let v = 0n;
    for (const b of bytes) { v = (v << 8n) | BigInt(b); }
    return v;
  }
  function fromLittleEndian(bytes) { return fromBigEndian(Uint8Array.from(bytes).reverse()); }
  function hex(bytes) { return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join(''); }

  // --- GOST 28147-89 encryption of one 8-byte block (the step of the hash), S-box "D-A" (CryptoPro) ---
  const SBOX = [
    10, 4, 5, 6, 8, 1, 3, 7, 13, 12, 14, 0, 9, 2, 11, 15, 5, 15, 4, 0, 2, 13, 11, 9, 1, 7, 6, 3, 12, 14, 10, 8,
    7, 15, 12, 14, 9, 4, 1, 0, 3, 11, 5, 2, 6, 10, 8, 13, 4, 10, 7, 12, 0, 15, 2, 8, 14, 1, 6, 5, 13, 11, 9, 3,
    7, 6, 4, 11, 9, 12, 2, 10, 1, 8, 0, 14, 15, 13, 3, 5, 7, 6, 2, 4, 13, 9, 15, 0, 10, 1, 5, 11, 8, 14, 12, 3,
    13, 14, 4, 1, 7, 0, 5, 10, 3, 12, 8, 15, 6, 2, 9, 11, 1, 3, 10, 9, 5, 11, 4, 15, 8, 6, 7, 14, 13, 0, 2, 12];
  function word(bytes, at) { return (bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | bytes[at + 3] << 24) >>> 0; }
  function round(n1, key) {
    const cm = (n1 + key) >>> 0;
    let om = 0;
    for (let i = 0; i < 8; i++) { om |= SBOX[16 * i + ((cm >>> (4 * i)) & 0xf)] << (4 * i); }
    return ((om << 11) | (om >>> 21)) >>> 0;
  }
  function encryptBlock(key, input, inOff, output, outOff) {
    const k = [];
    for (let i = 0; i < 8; i++) { k.push(word(key, 4 * i)); }
    let n1 = word(input, inOff), n2 = word(input, inOff + 4);
    const schedule = [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1];
    for (const j of schedule) { [n1, n2] = [(n2 ^ round(n1, k[j])) >>> 0, n1]; }
    n2 = (n2 ^ round(n1, k[0])) >>> 0;
    for (let i = 0; i < 4; i++) {
      output[outOff + i] = (n1 >>> (8 * i)) & 0xff;
      output[outOff + 4 + i] = (n2 >>> (8 * i)) & 0xff;
    }
  }

  // --- GOST R 34.11-94 (O'z DSt 1106:2009 parameter set A) ---
  const C2 = [0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00,
    0x00, 0xff, 0xff, 0x00, 0xff, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0xff];
  const C = [null, new Uint8Array(32), Uint8Array.from(C2), new Uint8Array(32)];
  function transposeKey(w) {
    const k = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      k[4 * i] = w[i]; k[4 * i + 1] = w[8 + i]; k[4 * i + 2] = w[16 + i]; k[4 * i + 3] = w[24 + i];
    }
    return k;
  }
  function shiftA(x) {
    const out = new Uint8Array(32);
    out.set(x.subarray(8, 32), 0);
    for (let j = 0; j < 8; j++) { out[24 + j] = x[j] ^ x[j + 8]; }
    return out;
  }
  function psi(s) {
    const w = [];
    for (let i = 0; i < 16; i++) { w.push(s[2 * i] | s[2 * i + 1] << 8); }
    const top = w[0] ^ w[1] ^ w[2] ^ w[3] ^ w[12] ^ w[15];
    for (let i = 0; i < 15; i++) { s[2 * i] = w[i + 1] & 0xff; s[2 * i + 1] = w[i + 1] >> 8; }
    s[30] = top & 0xff; s[31] = top >> 8;
  }
  function xor(a, b) { const out = new Uint8Array(32); for (let i = 0; i < 32; i++) { out[i] = a[i] ^ b[i]; } return out; }
  function compress(h, m) {
    const s = new Uint8Array(32);
    let u = Uint8Array.from(h), v = Uint8Array.from(m);
    encryptBlock(transposeKey(xor(u, v)), h, 0, s, 0);
    for (let i = 1; i < 4; i++) {
      u = xor(shiftA(u), C[i]);
      v = shiftA(shiftA(v));
      encryptBlock(transposeKey(xor(u, v)), h, 8 * i, s, 8 * i);
    }
    for (let i = 0; i < 12; i++) { psi(s); }
    for (let i = 0; i < 32; i++) { s[i] ^= m[i]; }
    psi(s);
    for (let i = 0; i < 32; i++) { s[i] ^= h[i]; }
    for (let i = 0; i < 61; i++) { psi(s); }
    return s;
  }
  /** The 32-byte hash of {@code data} (bytes), in the order the Java digest emits it. */
  function hash(data) {
    const bytes = Uint8Array.from(data);
    let h = new Uint8Array(32);
    const sum = new Uint8Array(32);
    for (let at = 0; at < bytes.length; at += 32) {
      const block = new Uint8Array(32);
      block.set(bytes.subarray(at, Math.min(at + 32, bytes.length)));
      let carry = 0;
      for (let i = 0; i < 32; i++) { const t = sum[i] + block[i] + carry; sum[i] = t & 0xff; carry = t >> 8; }
      h = compress(h, block);
    }
    h = compress(h, littleEndian(BigInt(bytes.length) * 8n, 32));
    return compress(h, sum);
  }

  // --- keys and signatures ---
  function randomScalar() {
    for (;;) {
      const k = fromBigEndian(global.crypto.getRandomValues(new Uint8Array(32)));
      if (k > 0n && k < N) { return k; }
    }
  }
  function digestInteger(data) {
    const e = mod(fromLittleEndian(hash(data)), N);
    return e === 0n ? 1n : e;
  }
  /** s || r over {@code data} with scalar {@code d}; {@code fixedK} only for known-answer tests. */
  function signWith(d, data, fixedK) {
    const e = digestInteger(data);
    for (;;) {
      const k = fixedK === undefined ? randomScalar() : fixedK;
      const r = mod(multiply(k, G).x, N);
      const s = mod(k * e + d * r, N);
      if (r !== 0n && s !== 0n) {
        const out = new Uint8Array(64);
        out.set(bigEndian(s, 32), 0);
        out.set(bigEndian(r, 32), 32);
        return out;
      }
      if (fixedK !== undefined) { throw new Error('this k gives a zero r or s'); }
    }
  }
  function verifyWith(q, data, signature) {
    if (signature.length !== 64 || !onCurve(q)) { return false; }
    const s = fromBigEndian(signature.subarray(0, 32)), r = fromBigEndian(signature.subarray(32, 64));
    if (r <= 0n || r >= N || s <= 0n || s >= N) { return false; }
    const v = inverse(digestInteger(data), N);
    const z1 = mod(s * v, N), z2 = mod((N - r) * v, N);
    const point = affine(add(jacobian(multiply(z1, G)), jacobian(multiply(z2, q))));
    return point !== null && mod(point.x, N) === r;
  }

  // --- DER, the few structures needed ---
  function length(n) {
    if (n < 0x80) { return [n]; }
    const out = [];
    for (; n > 0; n = Math.floor(n / 256)) { out.unshift(n & 0xff); }
    return [0x80 | out.length].concat(out);
  }
  function tlv(tag, content) { return [tag].concat(length(content.length), Array.from(content)); }
  function seq(...parts) { return tlv(0x30, [].concat(...parts.map(p => Array.from(p)))); }
  function set(...parts) { return tlv(0x31, [].concat(...parts.map(p => Array.from(p)))); }
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
  function octets(bytes) { return tlv(0x04, bytes); }
  function bits(bytes) { return tlv(0x03, [0].concat(Array.from(bytes))); }
  function utf8(text) { return tlv(0x0c, new TextEncoder().encode(text)); }
  function printable(text) { return tlv(0x13, Array.from(text, c => c.charCodeAt(0))); }
  function read(bytes, at) {
    let size = bytes[at + 1], start = at + 2;
    if (size & 0x80) {
      const count = size & 0x7f;
      size = 0;
      for (let i = 0; i < count; i++) { size = size * 256 + bytes[start + i]; }
      start += count;
    }
    if (start + size > bytes.length) { throw new Error('truncated DER'); }
    return { tag: bytes[at], start, end: start + size, from: at };
  }
  function children(bytes, node) {
    const out = [];
    for (let at = node.start; at < node.end;) { const c = read(bytes, at); out.push(c); at = c.end; }
    return out;
  }
  function oidText(bytes, node) {
    const b = bytes.subarray(node.start, node.end);
    const parts = [Math.floor(b[0] / 40), b[0] % 40];
    let v = 0;
    for (let i = 1; i < b.length; i++) { v = v * 128 + (b[i] & 0x7f); if (!(b[i] & 0x80)) { parts.push(v); v = 0; } }
    return parts.join('.');
  }
  function pem(label, bytes) {
    let text = '';
    for (const b of bytes) { text += String.fromCharCode(b); }
    return '-----BEGIN ' + label + '-----\n' + btoa(text).replace(/(.{64})/g, '$1\n').replace(/\n$/, '')
      + '\n-----END ' + label + '-----\n';
  }

  function pointBytes(q) {
    const xy = new Uint8Array(64);
    xy.set(littleEndian(q.x, 32), 0);
    xy.set(littleEndian(q.y, 32), 32);
    return xy;
  }
  function subjectPublicKeyInfo(q) {
    return Uint8Array.from(seq(seq(oid(KEY_OID), seq(oid(PARAM_SET_A_OID))), bits(octets(pointBytes(q)))));
  }
  function agentPkcs8(d, q) {
    const sec1 = seq(tlv(0x02, [1]), octets(bigEndian(d, 32)), tlv(0xa0, oid(PARAM_SET_A_OID)),
      tlv(0xa1, bits(octets(pointBytes(q)))));
    return Uint8Array.from(seq(tlv(0x02, [0]), seq(oid(KEY_OID), oid(PARAM_SET_A_OID)), octets(sec1)));
  }

  /** A key pair object: the scalar stays inside it; what leaves is the PKCS#8 the holder saves. */
  function keyPair(d) {
    const q = multiply(d, G);
    return Object.freeze({
      publicKeyInfo: () => subjectPublicKeyInfo(q),
      publicKeyHex: () => hex(pointBytes(q)),
      pkcs8: () => agentPkcs8(d, q),
      sign: data => signWith(d, data),
      verify: (data, signature) => verifyWith(q, data, signature),
      // Known-answer tests only: a nonce used twice reveals the key. Pages call sign().
      signWithFixedNonceForTests: (data, k) => signWith(d, data, BigInt(k))
    });
  }
  function generateKeyPair() { return keyPair(randomScalar()); }

  /**
   * The key in a PKCS#8 PrivateKeyInfo of the 2009 or 2024 family, parameter set A: the agent's SEC1 form or the
   * CryptoPro form. Anything else is refused, never read as another algorithm.
   */
  function importPkcs8(bytes) {
    const info = children(bytes, read(bytes, 0));
    const algorithm = children(bytes, info[1]);
    const family = oidText(bytes, algorithm[0]);
    if (family !== KEY_OID && family !== KEY_2024_OID) { throw new Error('not a GOST-UZ key: ' + family); }
    const value = read(bytes, info[2].start);
    let d;
    if (algorithm[1].tag === 0x06) {
      d = fromBigEndian(bytes.subarray(children(bytes, value)[1].start, children(bytes, value)[1].end));
    } else if (value.tag === 0x04 && value.end - value.start === 32) {
      d = fromLittleEndian(bytes.subarray(value.start, value.end));
    } else if (value.tag === 0x02) {
      d = fromBigEndian(bytes.subarray(value.start, value.end));
    } else {
      throw new Error('unreadable GOST-UZ private key');
    }
    if (d <= 0n || d >= N) { throw new Error('GOST-UZ private key out of range'); }
    return keyPair(d);
  }
  /** A pair from a known scalar (hex), for the known-answer tests that hold this script to the Java side. */
  function importScalarHex(text) {
    const d = BigInt('0x' + text);
    if (d <= 0n || d >= N) { throw new Error('scalar out of range'); }
    return keyPair(d);
  }

  /** Verifies s || r over data under a DER SubjectPublicKeyInfo of parameter set A. */
  function verifyWithPublicKeyInfo(spki, data, signature) {
    const info = children(spki, read(spki, 0));
    const algorithm = children(spki, info[0]);
    if (oidText(spki, algorithm[0]) !== KEY_OID) { return false; }
    const bitString = spki.subarray(info[1].start + 1, info[1].end);
    const xy = bitString.subarray(read(bitString, 0).start, read(bitString, 0).end);
    if (xy.length !== 64) { return false; }
    return verifyWith({ x: fromLittleEndian(xy.subarray(0, 32)), y: fromLittleEndian(xy.subarray(32, 64)) },
      data, signature);
  }

  /**
   * A PKCS#10 request for the pair, subject given as [[attribute OID, value], ...] in order (countryName printable,
   * the rest UTF-8), signed and verified here before it is returned: a request this page made wrongly never leaves it.
   */
  function certificationRequest(pair, subject) {
    const rdns = subject.map(([type, value]) => set(seq(oid(type), type === '2.5.4.6' ? printable(value) : utf8(value))));
    const info = Uint8Array.from(seq(tlv(0x02, [0]), seq(...rdns), pair.publicKeyInfo(), [0xa0, 0x00]));
    const signature = pair.sign(info);
    if (!pair.verify(info, signature)) { throw new Error('the new key does not verify its own signature'); }
    const der = Uint8Array.from(seq(info, seq(oid(SIGNATURE_OID)), bits(signature)));
    return { der, pem: pem('CERTIFICATE REQUEST', der) };
  }

  global.GostUz = Object.freeze({
    KEY_OID, PARAM_SET_A_OID, SIGNATURE_OID, DIGEST_OID,
    hash, hex, pem, generateKeyPair, importPkcs8, importScalarHex, verifyWithPublicKeyInfo, certificationRequest,
    isGostUzPkcs8: bytes => {
      try {
        const info = children(bytes, read(bytes, 0));
        return oidText(bytes, children(bytes, info[1])[0]).startsWith('1.2.860.3.15.');
      } catch (e) { return false; }
    }
  });
})(window);
