-- SHA-256, HMAC-SHA256, HKDF (RFC 5869) and AES-128-GCM decryption (NIST SP 800-38D) in plain
-- Lua 5.2 with bit32: Wireshark 4.0's Lua API has no cipher, and reliable-UDP version 2 seals every
-- datagram body with AES-128-GCM under keys derived by HKDF-SHA256 (wire/PROTOCOL.md 16.8.1).
-- Strings in and out are raw bytes. Speed: about 25 us per 16-byte block each for the cipher and the
-- tag (see docs/wireshark.md), so the dissector decrypts only what its preferences ask for.
-- Loaded by chatd.lua with dofile; run on its own (Wireshark loads every .lua below its plugin
-- folder) it defines nothing and returns the module table.
local band, bor, bxor, bnot = bit32.band, bit32.bor, bit32.bxor, bit32.bnot
local rshift, lshift, rrotate = bit32.rshift, bit32.lshift, bit32.rrotate
local byte, char, concat = string.byte, string.char, table.concat

local M = {}

------------------------------------------------------------------------------------------------
-- SHA-256 (FIPS 180-4)
------------------------------------------------------------------------------------------------
local K256 = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

local function be32(s, i)
  local a, b, c, d = byte(s, i, i + 3)
  return bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
end

local function word_bytes(w)
  return char(band(rshift(w, 24), 255), band(rshift(w, 16), 255), band(rshift(w, 8), 255), band(w, 255))
end

local function sha256_block(h, s, at)
  local w = {}
  for i = 1, 16 do w[i] = be32(s, at + (i - 1) * 4) end
  for i = 17, 64 do
    local x, y = w[i - 15], w[i - 2]
    local s0 = bxor(rrotate(x, 7), rrotate(x, 18), rshift(x, 3))
    local s1 = bxor(rrotate(y, 17), rrotate(y, 19), rshift(y, 10))
    w[i] = band(w[i - 16] + s0 + w[i - 7] + s1, 0xffffffff)
  end
  local a, b, c, d, e, f, g, hh = h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]
  for i = 1, 64 do
    local S1 = bxor(rrotate(e, 6), rrotate(e, 11), rrotate(e, 25))
    local ch = bxor(band(e, f), band(bnot(e), g))
    local t1 = hh + S1 + ch + K256[i] + w[i]
    local S0 = bxor(rrotate(a, 2), rrotate(a, 13), rrotate(a, 22))
    local maj = bxor(band(a, b), band(a, c), band(b, c))
    hh, g, f, e = g, f, e, band(d + t1, 0xffffffff)
    d, c, b, a = c, b, a, band(t1 + S0 + maj, 0xffffffff)
  end
  h[1], h[2], h[3], h[4] = band(h[1] + a, 0xffffffff), band(h[2] + b, 0xffffffff),
      band(h[3] + c, 0xffffffff), band(h[4] + d, 0xffffffff)
  h[5], h[6], h[7], h[8] = band(h[5] + e, 0xffffffff), band(h[6] + f, 0xffffffff),
      band(h[7] + g, 0xffffffff), band(h[8] + hh, 0xffffffff)
end

function M.sha256(msg)
  local h = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
  local bits = #msg * 8
  local padded = msg .. "\128" .. string.rep("\0", (55 - #msg) % 64)
      .. word_bytes(math.floor(bits / 0x100000000)) .. word_bytes(bits % 0x100000000)
  for at = 1, #padded, 64 do sha256_block(h, padded, at) end
  local out = {}
  for i = 1, 8 do out[i] = word_bytes(h[i]) end
  return concat(out)
end

local function xor_with(s, pad)
  local out = {}
  for i = 1, #s do out[i] = char(bxor(byte(s, i), pad)) end
  return concat(out)
end

function M.hmac_sha256(key, msg)
  if #key > 64 then key = M.sha256(key) end
  key = key .. string.rep("\0", 64 - #key)
  return M.sha256(xor_with(key, 0x5c) .. M.sha256(xor_with(key, 0x36) .. msg))
end

function M.hkdf_extract(salt, ikm)
  return M.hmac_sha256(salt, ikm)
end

function M.hkdf_expand(prk, info, length)
  local out, t, i = {}, "", 1
  while #concat(out) < length do
    t = M.hmac_sha256(prk, t .. info .. char(i))
    out[#out + 1] = t
    i = i + 1
  end
  return concat(out):sub(1, length)
end

------------------------------------------------------------------------------------------------
-- AES-128 encryption (FIPS 197), 32-bit T-tables; CTR and GCM need only the forward cipher
------------------------------------------------------------------------------------------------
local function xtime(a)
  a = a * 2
  if a >= 256 then a = bxor(a, 0x11b) end
  return a
end

local SBOX = {}
do
  local function rotl8(x, s) return band(bor(lshift(x, s), rshift(x, 8 - s)), 255) end
  local p, q = 1, 1
  repeat
    p = bxor(p, xtime(p))
    q = bxor(q, lshift(q, 1)); q = bxor(q, lshift(q, 2)); q = bxor(q, lshift(q, 4)); q = band(q, 255)
    if band(q, 0x80) ~= 0 then q = bxor(q, 0x09) end
    SBOX[p] = bxor(q, rotl8(q, 1), rotl8(q, 2), rotl8(q, 3), rotl8(q, 4), 0x63)
  until p == 1
  SBOX[0] = 0x63
end

local T0, T1, T2, T3, S0, S1, S2, S3 = {}, {}, {}, {}, {}, {}, {}, {}
for x = 0, 255 do
  local s = SBOX[x]
  local s2 = xtime(s)
  local s3 = bxor(s2, s)
  local t = bor(lshift(s2, 24), lshift(s, 16), lshift(s, 8), s3)
  T0[x], T1[x], T2[x], T3[x] = t, rrotate(t, 8), rrotate(t, 16), rrotate(t, 24)
  S0[x], S1[x], S2[x], S3[x] = lshift(s, 24), lshift(s, 16), lshift(s, 8), s
end

local function expand_key(key)
  local rk = {}
  for i = 1, 4 do rk[i] = be32(key, (i - 1) * 4 + 1) end
  local rcon = 1
  for i = 5, 44 do
    local t = rk[i - 1]
    if (i - 1) % 4 == 0 then
      t = bxor(S0[band(rshift(t, 16), 255)], S1[band(rshift(t, 8), 255)], S2[band(t, 255)],
          S3[rshift(t, 24)], lshift(rcon, 24))
      rcon = xtime(rcon)
    end
    rk[i] = bxor(rk[i - 4], t)
  end
  return rk
end

local function encrypt_words(rk, s0, s1, s2, s3)
  s0, s1, s2, s3 = bxor(s0, rk[1]), bxor(s1, rk[2]), bxor(s2, rk[3]), bxor(s3, rk[4])
  local k = 5
  for _ = 1, 9 do
    s0, s1, s2, s3 =
      bxor(T0[rshift(s0, 24)], T1[band(rshift(s1, 16), 255)], T2[band(rshift(s2, 8), 255)], T3[band(s3, 255)], rk[k]),
      bxor(T0[rshift(s1, 24)], T1[band(rshift(s2, 16), 255)], T2[band(rshift(s3, 8), 255)], T3[band(s0, 255)], rk[k + 1]),
      bxor(T0[rshift(s2, 24)], T1[band(rshift(s3, 16), 255)], T2[band(rshift(s0, 8), 255)], T3[band(s1, 255)], rk[k + 2]),
      bxor(T0[rshift(s3, 24)], T1[band(rshift(s0, 16), 255)], T2[band(rshift(s1, 8), 255)], T3[band(s2, 255)], rk[k + 3])
    k = k + 4
  end
  return
    bxor(S0[rshift(s0, 24)], S1[band(rshift(s1, 16), 255)], S2[band(rshift(s2, 8), 255)], S3[band(s3, 255)], rk[41]),
    bxor(S0[rshift(s1, 24)], S1[band(rshift(s2, 16), 255)], S2[band(rshift(s3, 8), 255)], S3[band(s0, 255)], rk[42]),
    bxor(S0[rshift(s2, 24)], S1[band(rshift(s3, 16), 255)], S2[band(rshift(s0, 8), 255)], S3[band(s1, 255)], rk[43]),
    bxor(S0[rshift(s3, 24)], S1[band(rshift(s0, 16), 255)], S2[band(rshift(s1, 8), 255)], S3[band(s2, 255)], rk[44])
end

--- One AES-128 block: 16 raw bytes in, 16 out (for tests and the key check).
function M.aes128_encrypt_block(key, block)
  local a, b, c, d = encrypt_words(expand_key(key), be32(block, 1), be32(block, 5), be32(block, 9), be32(block, 13))
  return word_bytes(a) .. word_bytes(b) .. word_bytes(c) .. word_bytes(d)
end

------------------------------------------------------------------------------------------------
-- GHASH with Shoup's 8-bit tables: 256 multiples of H per key, one table step per byte
------------------------------------------------------------------------------------------------
-- An element is four 32-bit words, word 1 holding bytes 0..3; bit 0 of the field is the top bit
-- of byte 0, and multiplying by x shifts towards byte 15 (reduced by 0xE1 || 0^120).
local function times_x(a, b, c, d)
  local carry = band(d, 1)
  d = bor(rshift(d, 1), lshift(band(c, 1), 31))
  c = bor(rshift(c, 1), lshift(band(b, 1), 31))
  b = bor(rshift(b, 1), lshift(band(a, 1), 31))
  a = rshift(a, 1)
  if carry == 1 then a = bxor(a, 0xe1000000) end
  return a, b, c, d
end

-- REDUCE[f]: what the byte f shifted out of byte 15 by a multiplication by x^8 adds to word 1.
local REDUCE = {}
for f = 0, 255 do
  local a, b, c, d = 0, 0, 0, f
  for _ = 1, 8 do a, b, c, d = times_x(a, b, c, d) end
  REDUCE[f] = a
end

local function ghash_table(h1, h2, h3, h4)
  -- power[j] = H * x^j for j = 0..7; entry b is the sum over the bits of b (top bit = x^0).
  local power = {}
  local a, b, c, d = h1, h2, h3, h4
  for j = 0, 7 do
    power[j] = { a, b, c, d }
    a, b, c, d = times_x(a, b, c, d)
  end
  local m1, m2, m3, m4 = {}, {}, {}, {}
  for v = 0, 255 do
    local x1, x2, x3, x4 = 0, 0, 0, 0
    for j = 0, 7 do
      if band(v, lshift(1, 7 - j)) ~= 0 then
        local p = power[j]
        x1, x2, x3, x4 = bxor(x1, p[1]), bxor(x2, p[2]), bxor(x3, p[3]), bxor(x4, p[4])
      end
    end
    m1[v], m2[v], m3[v], m4[v] = x1, x2, x3, x4
  end
  return { m1, m2, m3, m4 }
end

-- Y := (Y xor block) * H, where block is 16 bytes of s starting at i (zero-padded past its end).
local function ghash_block(t, y, s, i)
  local bytes = { byte(s, i, i + 15) }
  for n = #bytes + 1, 16 do bytes[n] = 0 end
  local x = {
    bxor(y[1], bor(lshift(bytes[1], 24), lshift(bytes[2], 16), lshift(bytes[3], 8), bytes[4])),
    bxor(y[2], bor(lshift(bytes[5], 24), lshift(bytes[6], 16), lshift(bytes[7], 8), bytes[8])),
    bxor(y[3], bor(lshift(bytes[9], 24), lshift(bytes[10], 16), lshift(bytes[11], 8), bytes[12])),
    bxor(y[4], bor(lshift(bytes[13], 24), lshift(bytes[14], 16), lshift(bytes[15], 8), bytes[16])),
  }
  local m1, m2, m3, m4 = t[1], t[2], t[3], t[4]
  local z1, z2, z3, z4 = 0, 0, 0, 0
  for n = 15, 0, -1 do
    local w = x[rshift(n, 2) + 1]
    local v = band(rshift(w, 8 * (3 - n % 4)), 255)
    local f = band(z4, 255)
    z4 = bor(rshift(z4, 8), lshift(band(z3, 255), 24))
    z3 = bor(rshift(z3, 8), lshift(band(z2, 255), 24))
    z2 = bor(rshift(z2, 8), lshift(band(z1, 255), 24))
    z1 = bxor(rshift(z1, 8), REDUCE[f])
    z1, z2, z3, z4 = bxor(z1, m1[v]), bxor(z2, m2[v]), bxor(z3, m3[v]), bxor(z4, m4[v])
  end
  y[1], y[2], y[3], y[4] = z1, z2, z3, z4
end

local function ghash(t, aad, ct)
  local y = { 0, 0, 0, 0 }
  for i = 1, #aad, 16 do ghash_block(t, y, aad, i) end
  for i = 1, #ct, 16 do ghash_block(t, y, ct, i) end
  local lengths = word_bytes(0) .. word_bytes(#aad * 8) .. word_bytes(0) .. word_bytes(#ct * 8)
  ghash_block(t, y, lengths, 1)
  return y
end

------------------------------------------------------------------------------------------------
-- AES-128-GCM with a 96-bit nonce and a 128-bit tag
------------------------------------------------------------------------------------------------

--- A key prepared once: its round keys and GHASH table (about 2 ms of work).
function M.gcm_key(key)
  local rk = expand_key(key)
  return { rk = rk, table = ghash_table(encrypt_words(rk, 0, 0, 0, 0)) }
end

local function ctr(rk, n1, n2, n3, data)
  local out, counter = {}, 2
  for i = 1, #data, 16 do
    local k1, k2, k3, k4 = encrypt_words(rk, n1, n2, n3, counter)
    local c = { byte(data, i, i + 15) }
    local ks = {
      rshift(k1, 24), band(rshift(k1, 16), 255), band(rshift(k1, 8), 255), band(k1, 255),
      rshift(k2, 24), band(rshift(k2, 16), 255), band(rshift(k2, 8), 255), band(k2, 255),
      rshift(k3, 24), band(rshift(k3, 16), 255), band(rshift(k3, 8), 255), band(k3, 255),
      rshift(k4, 24), band(rshift(k4, 16), 255), band(rshift(k4, 8), 255), band(k4, 255),
    }
    for j = 1, #c do c[j] = bxor(c[j], ks[j]) end
    out[#out + 1] = char(unpack(c))
    counter = counter + 1
  end
  return concat(out)
end

--- Opens ciphertext ct (tag apart) under a prepared key and a 12-byte nonce.
--- verify false skips the tag (cheaper); returns plaintext (or nil when decrypt is false) and
--- true/false for the tag (nil when not checked).
function M.gcm_open(k, nonce, aad, ct, tag, decrypt, verify)
  local n1, n2, n3 = be32(nonce, 1), be32(nonce, 5), be32(nonce, 9)
  local ok
  if verify then
    local y = ghash(k.table, aad, ct)
    local e1, e2, e3, e4 = encrypt_words(k.rk, n1, n2, n3, 1)
    local want = word_bytes(bxor(y[1], e1)) .. word_bytes(bxor(y[2], e2))
        .. word_bytes(bxor(y[3], e3)) .. word_bytes(bxor(y[4], e4))
    ok = want == tag
  end
  local plain = decrypt and ctr(k.rk, n1, n2, n3, ct) or nil
  return plain, ok
end

--- Decrypts only the first n bytes (n <= 16) of ct: a DATA body's offset and length for the cost of
--- one block, when its payload need not be shown.
function M.gcm_peek(k, nonce, ct, n)
  return ctr(k.rk, be32(nonce, 1), be32(nonce, 5), be32(nonce, 9), ct:sub(1, n))
end

function M.from_hex(h)
  return (h:gsub("..", function(x) return char(tonumber(x, 16)) end))
end

function M.to_hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", byte(c)) end))
end

return M
