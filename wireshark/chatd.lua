-- Wireshark dissector for chat (wire/PROTOCOL.md): the chat connection (JSON lines and text mode),
-- the TCP data connection (fetch/data headers, then file bytes) and reliable UDP version 2
-- (AES-128-GCM datagrams, decrypted with the transfer's secret). Install: scripts/wireshark-plugin
-- install; use: docs/wireshark.md. Needs Wireshark built with Lua 5.2 (bit32); tested with 4.0.
--
-- Three protocols, so filters say which connection they mean: chatd (chat connection: chatd.type,
-- chatd.id, chatd.re, ...), chatdata (data connection: chatdata.offset, chatdata.file_offset),
-- chatrudp (datagrams: chatrudp.type, chatrudp.pn, chatrudp.offset, chatrudp.sack.start, ...).

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
local function load(name) return dofile(here .. "chatd/" .. name .. ".lua") end

local chatd = Proto("chatd", "chat connection (chatd)")
local chatdata = Proto("chatdata", "chat TCP data connection")
local chatrudp = Proto("chatrudp", "chat reliable UDP")
local chatdtls = Proto("chatdtls", "chat connection inside TLS")

local crypto = load("crypto")
local json = load("json")
local keys = load("keys")(crypto)
local lines = load("lines")(chatd, chatdata, json)
local rudp = load("rudp")(chatrudp, crypto, keys)
local f, e = lines.f, lines.e

local DEFAULT_PORT = 13337
local MAX_LINE = 65536
chatd.prefs.port = Pref.uint("Port", DEFAULT_PORT, "TCP and UDP port of chatd (the heuristics find it on any port too)")
chatd.prefs.heuristics = Pref.bool("Find chatd on any port", true,
    "Try the heuristics (a JSON line with a chat frame type, the text-mode welcome, a version-2 datagram) on every port")
chatd.prefs.keylog = Pref.string("Key log file", "",
    "File of CHAT_RUDP_SECRET lines written by the chat client (CHAT_KEYLOGFILE); empty: $CHAT_KEYLOGFILE")

local tcp_stream = Field.new("tcp.stream")
local tcp_seq = Field.new("tcp.seq")
local tcp_len = Field.new("tcp.len")
local tls = Dissector.get("tls")

-- Per TCP stream: who the client is, the mode its first byte chose, and for a data connection
-- where the file bytes start. Per line (frame:offset): results of the first pass, so that a second
-- pass (tshark -2, or clicking in Wireshark) shows the same.
local streams, line_state = {}, {}

local function endpoint(addr, port) return tostring(addr) .. ":" .. port end

local function stream_of(pinfo, prefix)
  local n = (prefix or "") .. tostring(tcp_stream().value)
  local st = streams[n]
  if not st then
    local port = chatd.prefs.port
    local client = endpoint(pinfo.src, pinfo.src_port)
    if pinfo.src_port == port and pinfo.dst_port ~= port then client = endpoint(pinfo.dst, pinfo.dst_port) end
    st = { client = client, requests = { client = {}, daemon = {} } }
    streams[n] = st
  end
  return st
end

local function time_between(t0, t1)
  local d = t1 - t0
  local s = math.floor(d)
  return NSTime.new(s, math.floor((d - s) * 1e9 + 0.5))
end

-- Request/reply pairing: a request's id, from one side, answered by a re from the other side.
local function pair(st, rec, from_client, obj, ftype, pinfo)
  local id, re = json.member(obj, "id"), json.member(obj, "re")
  local is_request = (from_client and id and ftype ~= "pong") or (not from_client and ftype == "ping")
  if is_request and id.kind == "number" then
    local r = { frame = pinfo.number, time = pinfo.abs_ts }
    st.requests[from_client and "client" or "daemon"][id.text] = r
    rec.request = r
  end
  if re and re.kind == "number" then
    local r = st.requests[from_client and "daemon" or "client"][re.text]
    if r then
      rec.answers = { frame = r.frame, time = time_between(r.time, pinfo.abs_ts) }
      r.response = r.response or pinfo.number
    else
      rec.unanswered = true
    end
  end
  if not from_client and ftype == "download_ready" then
    local t, k, n = json.member(obj, "transfer"), json.member(obj, "key"), json.member(obj, "name")
    local name = n and n.kind == "string" and lines.clean(n.value) or nil
    if t and t.kind == "number" then keys.from_grant(t.text, k and k.value, pinfo.number, name) end
  end
end

local function show_pairing(sub, rec)
  if rec.request and rec.request.response then sub:add(f.response_in, rec.request.response):set_generated() end
  if rec.answers then
    sub:add(f.request_in, rec.answers.frame):set_generated()
    sub:add(f.time, rec.answers.time):set_generated()
  elseif rec.unanswered then
    sub:add_proto_expert_info(e.no_request)
  end
end

-- The daemon's bytes on a data connection after its data line: file bytes at a known offset.
local function file_bytes(tree, tvb, at, st, seq)
  local d = st.data
  local n = tvb:len() - at
  if n <= 0 then return nil end
  if not d.offset then
    tree:add(chatdata, tvb(at, n), "chatdata: file data (the data line gave no usable offset)"):add(f.file_data, tvb(at, n))
    return "file data len=" .. n
  end
  local first = d.offset + (seq + at - d.seq)
  local sub = tree:add(chatdata, tvb(at, n), string.format("chatdata: file data at offset %.0f, %d bytes", first, n))
  sub:add(f.file_offset, tvb(at, n), UInt64.new(string.format("%.0f", first))):set_generated()
  sub:add(f.file_end, tvb(at, n), UInt64.new(string.format("%.0f", first + n))):set_generated()
  sub:add(f.file_data, tvb(at, n))
  return string.format("file data offset=%.0f len=%d", first, n)
end

local function record_data_header(st, obj, seq_after)
  local off, len = json.member(obj, "offset"), json.member(obj, "length")
  local ok = off and off.kind == "number" and off.value >= 0 and off.value <= 2 ^ 53 and off.value == math.floor(off.value)
  st.data = { offset = ok and off.value or nil, length = len and len.value, seq = seq_after }
end

-- One text-mode line; rec holds what the first pass learnt about it.
local function text_line(tree, tvb, at, line_len, pinfo, st, rec, first_pass, from_client)
  if first_pass and from_client then rec.first = not st.named; st.named = true end
  -- a second pass meets the name line a heuristic passed over in the first
  local unseen_name = not first_pass and rec.first == nil and from_client and st.welcome_frame ~= nil
      and pinfo.number < st.welcome_frame
  return lines.text(tree, tvb, at, line_len, from_client, rec.first or unseen_name)
end

-- One JSON line (chat or data connection); line_end is where the next line starts.
local function json_line(tree, tvb, at, line_len, line_end, pinfo, st, rec, first_pass, from_client, seq)
  if first_pass and from_client and not st.had_line
      and tvb(at, line_len):raw():find('^{[^\n]-"type"%s*:%s*"fetch"') then
    st.mode = "data"   -- a data connection: its only client line is fetch (16.4)
  end
  if first_pass and from_client then st.had_line = true end
  local summary, obj, sub, ftype = lines.json(tree, tvb, at, line_len, st.mode == "data")
  if obj then
    if first_pass then
      if st.mode == "data" and not from_client and ftype == "data" then record_data_header(st, obj, seq + line_end) end
      if st.mode ~= "data" then pair(st, rec, from_client, obj, ftype, pinfo) end
    end
    show_pairing(sub, rec)
  end
  return summary
end

-- Every complete line of tvb; an incomplete last one asks TCP for more (up to the 64 KiB limit).
local function dissect_lines(tvb, pinfo, tree, st, seq, from_client)
  local len, at, info = tvb:len(), 0, {}
  while at < len do
    if st.mode == "data" and not from_client and st.data and seq + at >= st.data.seq then
      info[#info + 1] = file_bytes(tree, tvb, at, st, seq)
      break
    end
    local nl = tvb(at, len - at):raw():find("\n", 1, true)
    if not nl then
      if len - at <= MAX_LINE + 1 then
        pinfo.desegment_offset = at
        pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
      else
        tree:add(chatd, tvb(at, len - at), "chatd: a line over 65,536 bytes"):add_proto_expert_info(e.too_long)
      end
      break
    end
    local line_len = nl - 1
    if line_len > 0 and tvb(at + line_len - 1, 1):uint() == 13 then line_len = line_len - 1 end
    local key = pinfo.number .. ":" .. at
    local first_pass = line_state[key] == nil and not pinfo.visited
    if first_pass then line_state[key] = {} end
    local rec = line_state[key] or {}
    if st.mode == "text" then
      info[#info + 1] = text_line(tree, tvb, at, line_len, pinfo, st, rec, first_pass, from_client)
    else
      info[#info + 1] = json_line(tree, tvb, at, line_len, at + nl, pinfo, st, rec, first_pass, from_client, seq)
    end
    at = at + nl
  end
  return info
end

local function dissect_stream(tvb, pinfo, tree, st, inner)
  local len = tvb:len()
  if len == 0 then return 0 end
  local from_client = endpoint(pinfo.src, pinfo.src_port) == st.client
  if not st.mode then
    local b = tvb(0, 1):uint()
    st.mode = (b == 0x7b and "json") or (b == 0x16 and not inner and "tls") or "text"
  end
  if st.mode == "tls" then return tls:call(tvb, pinfo, tree) end
  local seq = inner and 0 or (tcp_seq().value + tcp_len().value - len)
  pinfo.cols.protocol = st.mode == "data" and "chatdata" or "chatd"
  local info = dissect_lines(tvb, pinfo, tree, st, seq, from_client)
  if st.mode == "data" then pinfo.cols.protocol = "chatdata" end
  local dir = from_client and "client -> daemon" or "daemon -> client"
  if #info > 0 then pinfo.cols.info = (st.mode == "text" and "[text] " or "") .. table.concat(info, ", ") end
  local about = tree:add(chatd, tvb(0, 0), "chatd: " .. st.mode .. " mode, " .. dir)
  about:set_generated()
  about:add(f.mode, st.mode):set_generated()
  about:add(f.direction, dir):set_generated()
  return len
end

function chatd.dissector(tvb, pinfo, tree)
  return dissect_stream(tvb, pinfo, tree, stream_of(pinfo))
end

-- Plaintext that Wireshark's TLS dissector hands over when it has the session's keys.
function chatdtls.dissector(tvb, pinfo, tree)
  local inside = tree:add(chatdtls, tvb(), "chat connection inside TLS (decrypted by Wireshark)")
  return dissect_stream(tvb, pinfo, inside, stream_of(pinfo, "tls"), true)
end

function chatrudp.dissector(tvb, pinfo, tree)
  return rudp.dissect(tvb, pinfo, tree)
end

-- Heuristics: a JSON line whose type is a chat frame type, or the daemon's text-mode welcome.
local function looks_like_chat(tvb)
  local head = tvb(0, math.min(tvb:len(), 200)):raw()
  if head:sub(1, 1) == "{" then
    local t = head:match('^{[^\n]-"type"%s*:%s*"([%w_]+)"')
    return t ~= nil and (lines.CLIENT_TYPES[t] ~= nil or lines.DAEMON_TYPES[t] ~= nil) and "json"
  end
  return head:match("^%* welcome .-, %d+%+? users? online") ~= nil and "text welcome"
end

local function heuristic_tcp(tvb, pinfo, tree)
  if not chatd.prefs.heuristics or tvb:len() == 0 then return false end
  local what = looks_like_chat(tvb)
  if not what then return false end
  local st = stream_of(pinfo)
  if what == "text welcome" and not pinfo.visited and not st.mode then
    -- found by the daemon's answer: the client's name line went by unrecognised
    st.client, st.mode, st.named, st.welcome_frame = endpoint(pinfo.dst, pinfo.dst_port), "text", true, pinfo.number
  end
  pinfo.conversation = chatd
  chatd.dissector(tvb, pinfo, tree)
  return true
end

local function heuristic_udp(tvb, pinfo, tree)
  if not chatd.prefs.heuristics or not rudp.looks_like(tvb) then return false end
  rudp.dissect(tvb, pinfo, tree)
  return true
end

local registered_port
local function register_ports()
  local tcp, udp = DissectorTable.get("tcp.port"), DissectorTable.get("udp.port")
  local tls_port = DissectorTable.get("tls.port")
  if registered_port then
    tcp:remove(registered_port, chatd); udp:remove(registered_port, chatrudp)
    tls_port:remove(registered_port, chatdtls)
  end
  registered_port = chatd.prefs.port
  tcp:add(registered_port, chatd); udp:add(registered_port, chatrudp)
  tls_port:add(registered_port, chatdtls)
end

local function keylog_path()
  local p = chatd.prefs.keylog
  if p == nil or p == "" then p = os.getenv("CHAT_KEYLOGFILE") end
  return p
end

function chatd.init()
  streams, line_state = {}, {}
  keys.reset(keylog_path())
  rudp.reset()
end

function chatd.prefs_changed()
  register_ports()
  keys.reset(keylog_path())
end

register_ports()
chatd:register_heuristic("tcp", heuristic_tcp)
chatrudp:register_heuristic("udp", heuristic_udp)
