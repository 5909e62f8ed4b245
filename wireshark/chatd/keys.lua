-- Where the dissector finds the secret of a reliable-UDP transfer (wire/PROTOCOL.md 16.8.1):
--  1. the download_ready.key the daemon sent on a plaintext chat connection in the same capture;
--  2. a key log file (CHAT_KEYLOGFILE, written by the chat client; docs/wireshark.md), lines
--       CHAT_RUDP_SECRET <transfer id, decimal> <secret, 64 hex digits>
--     as TLS's SSLKEYLOGFILE, for chat connections over TLS where the key is not in the capture.
-- From the secret it derives the per-direction AES-128-GCM keys with HKDF-SHA256, once per transfer.
-- Loaded by chatd.lua with dofile; on its own it defines nothing.
return function(crypto)
  local K = {}
  local SALT = "chat rudp v2"
  local LOG_LABEL = "CHAT_RUDP_SECRET"

  local secrets = {}   -- transfer id (decimal string) -> { secret = raw 32 bytes, frame = n or nil }
  local derived = {}   -- transfer id -> { s2r = {key, iv}, r2s = ..., retry = ... }
  local log_path, log_size = nil, -1

  --- Forgets everything (a new capture file); path is the key log to read, or nil.
  function K.reset(path)
    secrets, derived = {}, {}
    log_path, log_size = (path ~= nil and path ~= "") and path or nil, -1
  end

  local function parse_log_line(line)
    local label, id, hex = line:match("^%s*(%S+)%s+(%d+)%s+(%x+)%s*$")
    if label == LOG_LABEL and #hex == 64 and not secrets[id] then
      secrets[id] = { secret = crypto.from_hex(hex:lower()), source = "key log" }
    end
  end

  -- Reads the key log again when it grew: a live capture's client appends as transfers start.
  local function read_log()
    if not log_path then return end
    local f = io.open(log_path, "rb")
    if not f then return end
    local size = f:seek("end")
    if size ~= log_size then
      f:seek("set", 0)
      for line in f:lines() do parse_log_line(line) end
      log_size = size
    end
    f:close()
  end

  --- A download_ready seen in frame n granted transfer id (decimal text) with key (hex).
  function K.from_grant(id, hex, frame, name)
    if type(hex) == "string" and #hex == 64 and hex:match("^%x+$") then
      secrets[id] = { secret = crypto.from_hex(hex:lower()), source = "download_ready", frame = frame, name = name }
    elseif secrets[id] == nil or secrets[id].source ~= "key log" then
      secrets[id] = { frame = frame, name = name }   -- a TCP grant, or one over TLS: no key, but a name
    end
  end

  --- What is known about transfer id: { secret?, source?, frame?, name? } or nil.
  function K.grant(id)
    if not (secrets[id] and secrets[id].secret) then read_log() end
    return secrets[id]
  end

  --- The prepared keys for transfer id, whose 8 header bytes are cid_bytes, or nil without a secret.
  function K.keys(id, cid_bytes)
    local d = derived[id]
    if d then return d end
    local g = K.grant(id)
    if not (g and g.secret) then return nil end
    local prk = crypto.hkdf_extract(SALT, g.secret)
    local function pair(label)
      return {
        key = crypto.gcm_key(crypto.hkdf_expand(prk, label .. " key" .. cid_bytes, 16)),
        iv = crypto.hkdf_expand(prk, label .. " iv" .. cid_bytes, 12),
      }
    end
    d = { s2r = pair("s2r"), r2s = pair("r2s"), retry = pair("retry") }
    derived[id] = d
    return d
  end

  return K
end
