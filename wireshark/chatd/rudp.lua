-- Reliable-UDP datagrams, version 2 (wire/PROTOCOL.md 16.8): the clear 20-byte header, the sealed
-- body and the AES-128-GCM tag; with the transfer's secret (keys.lua) the tag is checked and the
-- body decrypted into its own tab, then every field is shown. Expert info marks duplicates (a
-- packet number seen twice), out-of-order arrivals (a packet number below the highest seen in that
-- direction) and retransmissions (a DATA chunk sent before under another packet number).
-- Loaded by chatd.lua with dofile; on its own it defines nothing.
return function(proto, crypto, keys)
  local HEADER, TAG, MAGIC, VERSION = 20, 16, 0x5255, 2
  local TYPES = { "HANDSHAKE", "HANDSHAKE_ACK", "DATA", "ACK", "CLOSE", "CLOSE_ACK", "RESET", "RETRY" }
  local BODY = { 42, 26, nil, nil, 8, 0, 2, 24 }   -- fixed body sizes; DATA and ACK vary
  -- Which key seals each type: the sender's (s2r), the receiver's (r2s) or the daemon's RETRY key.
  local SEALED_BY = { "r2s", "s2r", "s2r", "r2s", "s2r", "r2s", nil, "retry" }
  local RESETS = { "PEER_TIMEOUT", "BAD_TOKEN", "BAD_OFFSET", "PROTOCOL_VIOLATION", "IO_ERROR", "ABORTED" }


  local f = {
    magic = ProtoField.uint16("chatrudp.magic", "Magic", base.HEX),
    version = ProtoField.uint8("chatrudp.version", "Version"),
    type = ProtoField.uint8("chatrudp.type", "Type", base.DEC, TYPES),
    transfer = ProtoField.uint64("chatrudp.transfer", "Connection id (transfer)"),
    pn = ProtoField.uint64("chatrudp.pn", "Packet number"),
    body = ProtoField.bytes("chatrudp.body", "Body (encrypted)"),
    tag = ProtoField.bytes("chatrudp.tag", "Tag (AES-128-GCM)"),
    tag_status = ProtoField.string("chatrudp.tag.status", "Tag status"),
    tag_good = ProtoField.bool("chatrudp.tag.good", "Tag good"),
    direction = ProtoField.string("chatrudp.direction", "Direction"),
    stream = ProtoField.uint32("chatrudp.stream", "Transfer index"),
    granted_in = ProtoField.framenum("chatrudp.granted_in", "Granted in", base.NONE, frametype.REQUEST),
    file = ProtoField.string("chatrudp.file", "File"),
    key_source = ProtoField.string("chatrudp.key_source", "Key from"),
    start = ProtoField.uint64("chatrudp.start", "Start offset"),
    window = ProtoField.uint32("chatrudp.window", "Receive window"),
    max_payload = ProtoField.uint16("chatrudp.max_payload", "Max payload"),
    max_ack_delay = ProtoField.uint32("chatrudp.max_ack_delay", "Max ack delay (us)"),
    cookie = ProtoField.bytes("chatrudp.cookie", "Retry cookie"),
    file_size = ProtoField.uint64("chatrudp.file_size", "File size"),
    payload_size = ProtoField.uint16("chatrudp.payload_size", "Payload size"),
    first_data_pn = ProtoField.uint64("chatrudp.first_data_pn", "First DATA packet number"),
    offset = ProtoField.uint64("chatrudp.offset", "File offset"),
    length = ProtoField.uint16("chatrudp.length", "Length"),
    payload = ProtoField.bytes("chatrudp.payload", "File data"),
    data_end = ProtoField.uint64("chatrudp.end", "End offset"),
    cumulative = ProtoField.uint64("chatrudp.ack.cumulative", "Cumulative"),
    largest = ProtoField.uint64("chatrudp.ack.largest", "Largest DATA packet number"),
    ack_delay = ProtoField.uint32("chatrudp.ack.delay", "Ack delay (us)"),
    ack_window = ProtoField.uint32("chatrudp.ack.window", "Receive window"),
    ack_flags = ProtoField.uint8("chatrudp.ack.flags", "Flags", base.HEX),
    ack_more = ProtoField.bool("chatrudp.ack.more", "More ranges than listed", 8, nil, 0x01),
    ack_count = ProtoField.uint8("chatrudp.ack.ranges", "SACK ranges"),
    sack_start = ProtoField.uint64("chatrudp.sack.start", "SACK start"),
    sack_length = ProtoField.uint32("chatrudp.sack.length", "SACK length"),
    sack_end = ProtoField.uint64("chatrudp.sack.end", "SACK end"),
    reset = ProtoField.uint16("chatrudp.reset", "Reason", base.DEC, RESETS),
    retransmission_of = ProtoField.framenum("chatrudp.retransmission_of", "Retransmission of", base.NONE),
    duplicate_of = ProtoField.framenum("chatrudp.duplicate_of", "Duplicate of", base.NONE),
  }
  local e = {
    malformed = ProtoExpert.new("chatrudp.malformed", "Malformed datagram", expert.group.MALFORMED, expert.severity.ERROR),
    bad_tag = ProtoExpert.new("chatrudp.bad_tag", "Authentication failed (the receiver drops it)",
        expert.group.CHECKSUM, expert.severity.ERROR),
    no_key = ProtoExpert.new("chatrudp.no_key", "No key for this transfer: body not decrypted",
        expert.group.DECRYPTION, expert.severity.NOTE),
    retransmission = ProtoExpert.new("chatrudp.retransmission", "Retransmission", expert.group.SEQUENCE, expert.severity.NOTE),
    out_of_order = ProtoExpert.new("chatrudp.out_of_order", "Out of order", expert.group.SEQUENCE, expert.severity.WARN),
    not_captured = ProtoExpert.new("chatrudp.not_captured", "Previous datagrams not captured",
        expert.group.SEQUENCE, expert.severity.NOTE),
    duplicate = ProtoExpert.new("chatrudp.duplicate", "Duplicate datagram", expert.group.SEQUENCE, expert.severity.WARN),
    reset = ProtoExpert.new("chatrudp.reset.expert", "Transfer reset", expert.group.SEQUENCE, expert.severity.WARN),
  }
  local fields = {}
  for _, v in pairs(f) do fields[#fields + 1] = v end
  proto.fields = fields
  local experts = {}
  for _, v in pairs(e) do experts[#experts + 1] = v end
  proto.experts = experts

  local prefs = proto.prefs
  prefs.decrypt_payload = Pref.bool("Decrypt DATA payloads", true,
      "Decrypt the file bytes of DATA datagrams (about 1.7 ms per 1200-byte datagram in pure Lua); "
      .. "off: only their offset and length (one AES block)")
  prefs.verify_tags = Pref.bool("Check authentication tags", true,
      "Check every datagram's AES-GCM tag (about 1.9 ms per 1200-byte datagram)")

  local transfers, frames, opened_frames, n_transfers = {}, {}, {}, 0
  local R = {}

  function R.reset()
    transfers, frames, opened_frames, n_transfers = {}, {}, {}, 0
  end

  function R.looks_like(tvb)
    if tvb:len() < HEADER + TAG then return false end
    local t = tvb(3, 1):uint()
    return tvb(0, 2):uint() == MAGIC and tvb(2, 1):uint() == VERSION and t >= 1 and t <= #TYPES
  end

  local function nonce(iv, header)
    local out = { iv:sub(1, 4) }
    for i = 5, 12 do out[#out + 1] = string.char(bit32.bxor(iv:byte(i), header:byte(i + 8))) end
    return table.concat(out)
  end

  -- Opens the body under key set k; returns plaintext (maybe only a prefix) and the tag result.
  local function open(k, header, body, tag, kind)
    local n = nonce(k.iv, header)
    if kind == 3 and not prefs.decrypt_payload then
      local _, ok = crypto.gcm_open(k.key, n, header, body, tag, false, prefs.verify_tags)
      return crypto.gcm_peek(k.key, n, body, math.min(10, #body)), ok
    end
    return crypto.gcm_open(k.key, n, header, body, tag, true, prefs.verify_tags or kind == 7)
  end

  -- First pass only: what this datagram repeats or overtakes in its transfer and direction.
  local function analyse(state, dir, pn, pn64, kind, offset, number)
    local d = state[dir]
    local seen = {}
    if d.pns[pn] then seen.duplicate_of = d.pns[pn] else d.pns[pn] = number end
    if d.max_pn and pn64 < d.max_pn and not seen.duplicate_of then seen.out_of_order = true end
    -- packet numbers grow by one per datagram: a gap went missing before the capture point
    if d.max_pn and pn64 > d.max_pn + 1 then seen.gap = { d.max_pn + 1, pn64 - 1 } end
    if not d.max_pn or pn64 > d.max_pn then d.max_pn = pn64 end
    if kind == 3 and offset and not seen.duplicate_of then
      if d.chunks[offset] then
        seen.retransmission_of = d.chunks[offset]
      elseif d.max_offset and offset < d.max_offset and not seen.out_of_order then
        -- new chunks leave in offset order, so a lower one seen first now is a copy whose
        -- original was lost before the capture (offsets are 16 hex digits: text order is numeric)
        seen.retransmission_uncaptured = true
      end
      d.chunks[offset] = number
      if not d.max_offset or offset > d.max_offset then d.max_offset = offset end
    end
    return seen
  end

  local function add_u64(tree, field, tvb, at)
    return tree:add(field, tvb(at, 8), tvb(at, 8):uint64())
  end

  local function show_body(tree, b, kind, info)
    local len = b:len()
    if kind == 1 and len >= 42 then
      add_u64(tree, f.start, b, 0)
      tree:add(f.window, b(8, 4)); tree:add(f.max_payload, b(12, 2)); tree:add(f.max_ack_delay, b(14, 4))
      tree:add(f.cookie, b(18, 24))
      info[#info + 1] = "start=" .. tostring(b(0, 8):uint64())
    elseif kind == 2 and len >= 26 then
      add_u64(tree, f.file_size, b, 0); add_u64(tree, f.start, b, 8)
      tree:add(f.payload_size, b(16, 2)); add_u64(tree, f.first_data_pn, b, 18)
      info[#info + 1] = "size=" .. tostring(b(0, 8):uint64())
    elseif kind == 3 and len >= 10 then
      local off, n = b(0, 8):uint64(), b(8, 2):uint()
      add_u64(tree, f.offset, b, 0); tree:add(f.length, b(8, 2))
      tree:add(f.data_end, b(0, 8), off + n):set_generated()
      if len >= 10 + n and n > 0 then tree:add(f.payload, b(10, n)) end
      if len ~= 10 + n or n == 0 then
        tree:add_proto_expert_info(e.malformed, "length " .. n .. " but " .. (len - 10) .. " payload bytes")
      end
      info[#info + 1] = "offset=" .. tostring(off) .. " len=" .. n
    elseif kind == 4 and len >= 26 then
      add_u64(tree, f.cumulative, b, 0); add_u64(tree, f.largest, b, 8)
      tree:add(f.ack_delay, b(16, 4)); tree:add(f.ack_window, b(20, 4))
      local flags = tree:add(f.ack_flags, b(24, 1)); flags:add(f.ack_more, b(24, 1))
      local count = b(25, 1):uint()
      tree:add(f.ack_count, b(25, 1))
      if count > 64 or len ~= 26 + 12 * count then
        tree:add_proto_expert_info(e.malformed, count .. " SACK ranges (at most 64) in a body of " .. len .. " bytes")
      end
      info[#info + 1] = "cum=" .. tostring(b(0, 8):uint64()) .. " largest=" .. tostring(b(8, 8):uint64())
      for i = 0, count - 1 do
        local at = 26 + 12 * i
        if at + 12 > len then break end
        local s, l = b(at, 8):uint64(), b(at + 8, 4):uint()
        local r = tree:add(proto, b(at, 12), string.format("SACK range %d: %s..%s (%d bytes)", i, tostring(s), tostring(s + l), l))
        add_u64(r, f.sack_start, b, at); r:add(f.sack_length, b(at + 8, 4))
        r:add(f.sack_end, b(at, 12), s + l):set_generated()
        if l == 0 then r:add_proto_expert_info(e.malformed, "an empty SACK range") end
        info[#info + 1] = "sack=" .. tostring(s) .. "-" .. tostring(s + l)
      end
    elseif kind == 5 and len >= 8 then
      add_u64(tree, f.file_size, b, 0)
    elseif kind == 7 and len >= 2 then
      tree:add(f.reset, b(0, 2))
      tree:add_proto_expert_info(e.reset, "RESET " .. (RESETS[b(0, 2):uint()] or "UNKNOWN"))
      info[#info + 1] = RESETS[b(0, 2):uint()] or "UNKNOWN"
    elseif kind == 8 and len >= 24 then
      tree:add(f.cookie, b(0, 24))
    end
  end

  -- Chooses the key; a RESET may come from either side, so both are tried (its tag decides).
  local function unseal(k, header, body, tag, kind)
    if kind == 7 then
      for _, dir in ipairs({ "s2r", "r2s" }) do
        local plain, ok = open(k[dir], header, body, tag, kind)
        if ok then return plain, ok, dir end
      end
      return nil, false, nil
    end
    local plain, ok = open(k[SEALED_BY[kind]], header, body, tag, kind)
    return plain, ok, SEALED_BY[kind]
  end

  local function transfer_state(id)
    local s = transfers[id]
    if not s then
      s = { index = n_transfers, s2r = { pns = {}, chunks = {} }, r2s = { pns = {}, chunks = {} },
            retry = { pns = {}, chunks = {} } }
      n_transfers = n_transfers + 1
      transfers[id] = s
    end
    return s
  end

  local DIRECTION = { s2r = "daemon (sender) to client (receiver)", r2s = "client (receiver) to daemon (sender)",
                      retry = "daemon to client (RETRY)" }

  -- The clear part: header fields, the sealed body and tag as bytes, what the capture says of the grant.
  local function show_header(root, tvb, kind, id, state, grant)
    local len = tvb:len()
    root:add(f.magic, tvb(0, 2)); root:add(f.version, tvb(2, 1)); root:add(f.type, tvb(3, 1))
    root:add(f.transfer, tvb(4, 8)); root:add(f.pn, tvb(12, 8))
    local body_len = len - HEADER - TAG
    if body_len > 0 then root:add(f.body, tvb(HEADER, body_len)) end
    root:add(f.tag, tvb(len - TAG, TAG))
    root:add(f.stream, state.index):set_generated()
    if grant and grant.frame then root:add(f.granted_in, grant.frame):set_generated() end
    if grant and grant.name then root:add(f.file, grant.name):set_generated() end
    if (BODY[kind] and body_len ~= BODY[kind]) or (kind == 3 and body_len < 10) or (kind == 4 and (body_len - 26) % 12 ~= 0) then
      root:add_proto_expert_info(e.malformed, "a " .. TYPES[kind] .. " body of " .. body_len .. " bytes")
    end
  end

  -- Opens the body once per frame (a second pass or a click in Wireshark reuses it); shows the tag's
  -- verdict. Returns the plaintext (nil unless authenticated or unchecked), the tag result, the direction.
  local function open_body(root, tvb, pinfo, kind, id, grant, info)
    local len = tvb:len()
    local k = keys.keys(id, tvb(4, 8):raw())
    local plain, ok, dir
    if k then
      local opened = opened_frames[pinfo.number]
      if not opened then
        local body = len > HEADER + TAG and tvb(HEADER, len - HEADER - TAG):raw() or ""
        opened = { unseal(k, tvb(0, HEADER):raw(), body, tvb(len - TAG, TAG):raw(), kind) }
        opened_frames[pinfo.number] = opened
      end
      plain, ok, dir = opened[1], opened[2], opened[3]
      root:add(f.key_source, grant.source):set_generated()
    else
      root:add_proto_expert_info(e.no_key)
      dir = SEALED_BY[kind]
    end
    if dir then root:add(f.direction, DIRECTION[dir]):set_generated() end
    if ok == true then
      root:add(f.tag_status, "good"):set_generated()
      root:add(f.tag_good, true):set_generated()
    elseif ok == false then
      root:add(f.tag_status, "bad"):set_generated()
      root:add(f.tag_good, false):set_generated()
      root:add_proto_expert_info(e.bad_tag)
      info[#info + 1] = "[bad tag]"
      plain = nil   -- what a failed tag decrypts to is noise
    else
      root:add(f.tag_status, k and "not checked" or "no key"):set_generated()
    end
    return plain, ok, dir
  end

  local function show_analysis(root, seen, info)
    if seen.duplicate_of then
      root:add(f.duplicate_of, seen.duplicate_of):set_generated()
      root:add_proto_expert_info(e.duplicate, "Duplicate of frame " .. seen.duplicate_of)
      info[#info + 1] = "[duplicate]"
    end
    if seen.out_of_order then
      root:add_proto_expert_info(e.out_of_order)
      info[#info + 1] = "[out of order]"
    end
    if seen.gap then
      root:add_proto_expert_info(e.not_captured, string.format("Packet numbers %s..%s not captured (lost before the capture point)",
          tostring(seen.gap[1]), tostring(seen.gap[2])))
    end
    if seen.retransmission_uncaptured then
      root:add_proto_expert_info(e.retransmission, "Retransmission (its first copy is not in the capture)")
      info[#info + 1] = "[retransmission]"
    end
    if seen.retransmission_of then
      root:add(f.retransmission_of, seen.retransmission_of):set_generated()
      root:add_proto_expert_info(e.retransmission, "Retransmission of the chunk sent in frame " .. seen.retransmission_of)
      info[#info + 1] = "[retransmission]"
    end
  end

  function R.dissect(tvb, pinfo, tree)
    pinfo.cols.protocol = "chatRUDP"
    local len = tvb:len()
    local root = tree:add(proto, tvb())
    if not R.looks_like(tvb) then
      root:add_proto_expert_info(e.malformed, "not a version-2 datagram (magic 0x5255, version 2, type 1..8, >= 36 bytes)")
      return len
    end
    local kind = tvb(3, 1):uint()
    local id, pn = tostring(tvb(4, 8):uint64()), tostring(tvb(12, 8):uint64())
    local info = { TYPES[kind], "transfer=" .. id, "pn=" .. pn }
    local state = transfer_state(id)
    local grant = keys.grant(id)
    show_header(root, tvb, kind, id, state, grant)
    local plain, ok, dir = open_body(root, tvb, pinfo, kind, id, grant, info)
    if plain and #plain > 0 then
      local b = ByteArray.new(plain, true):tvb("Decrypted body")
      show_body(root:add(proto, b(), "Body (decrypted)"), b, kind, info)
    end
    local seen = frames[pinfo.number]
    if not seen and not pinfo.visited then
      local offset = (kind == 3 and plain and #plain >= 8) and crypto.to_hex(plain:sub(1, 8)) or nil
      -- a datagram that fails its tag is dropped by its receiver: it repeats or overtakes nothing
      seen = (dir and ok ~= false) and analyse(state, dir, pn, tvb(12, 8):uint64(), kind, offset, pinfo.number) or {}
      frames[pinfo.number] = seen
    end
    show_analysis(root, seen or {}, info)
    pinfo.cols.info = table.concat(info, " ")
    root:append_text(": " .. table.concat(info, " "))
    return len
  end

  return R
end
