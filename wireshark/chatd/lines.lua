-- One chat line (wire/PROTOCOL.md sections 3-6, 14, 16-18) into tree items: JSON frames field by
-- field with their byte ranges, text-mode lines by their shape. Field names follow the JSON names
-- (chatd.to is "to"), so a display filter reads like the spec: chatd.type == "send" && chatd.to == "all".
-- Loaded by chatd.lua with dofile; on its own it defines nothing.
return function(chatd, chatdata, json)
  local L = {}

  -- kind: "str", "u64", "bool", "ts" (ms since the epoch), "num"; nested: an object's own fields.
  local SPECS = {
    type = "str", name = "str", version = "u64", client = "str", password = "str", resume = "str",
    last_seen = "u64", to = "str", text = "str", from = "str", ts = "ts", recipients = "u64",
    stored = "bool", more = "bool", server = "str", account = "str", resume_token = "str",
    code = "str", message = "str", reason = "str", transfer = "u64", size = "u64", sha256 = "str",
    offset = "u64", protocol = "str", token = "str", port = "u64", key = "str", srtt_us = "u64",
    cwnd = "u64", bytes_in_flight = "u64", retransmissions = "u64", lost = "u64", before = "u64",
    after = "u64", limit = "u64", old = "str", length = "u64",
  }
  local LIMITS = { "max_line_bytes", "max_text_bytes", "max_name_code_points", "rate_per_second",
                   "rate_burst", "idle_timeout_seconds" }
  local CLIENT_TYPES = { hello = 1, send = 1, list_users = 1, list_files = 1, download = 1, history = 1,
                         register = 1, password = 1, ping = 1, pong = 1, quit = 1, fetch = 1 }
  local DAEMON_TYPES = { welcome = 1, user_list = 1, file_list = 1, sent = 1, bye = 1, pong = 1, ping = 1,
                         error = 1, message = 1, user_joined = 1, user_left = 1, shutdown = 1,
                         download_ready = 1, transfer_stats = 1, history_page = 1, ok = 1, data = 1 }
  L.CLIENT_TYPES, L.DAEMON_TYPES = CLIENT_TYPES, DAEMON_TYPES

  -- Tree strings must be UTF-8: a peer's invalid bytes become U+FFFD (as the daemon refuses them).
  local REPLACEMENT = "\239\191\189"
  local function clean(text)
    if not text:find("[\128-\255]") then return text end
    local out, i, n = {}, 1, #text
    while i <= n do
      local c = text:byte(i)
      local len = (c < 0x80 and 1) or (c >= 0xc2 and c <= 0xdf and 2) or (c >= 0xe0 and c <= 0xef and 3)
          or (c >= 0xf0 and c <= 0xf4 and 4) or 0
      local ok = len > 0 and i + len - 1 <= n
      for j = i + 1, i + len - 1 do
        local d = text:byte(j)
        if not d or d < 0x80 or d > 0xbf then ok = false end
      end
      if ok and len == 3 and c == 0xed and text:byte(i + 1) >= 0xa0 then ok = false end   -- a surrogate
      if ok then
        out[#out + 1] = text:sub(i, i + len - 1)
        i = i + len
      else
        out[#out + 1] = REPLACEMENT
        i = i + 1
      end
    end
    return table.concat(out)
  end
  L.clean = clean

  local function make_field(prefix, name, kind)
    local abbr, label = prefix .. "." .. name, name
    if kind == "str" then return ProtoField.string(abbr, label) end
    if kind == "u64" then return ProtoField.uint64(abbr, label) end
    if kind == "bool" then return ProtoField.bool(abbr, label) end
    if kind == "ts" then return ProtoField.absolute_time(abbr, label, base.UTC) end
    return ProtoField.double(abbr, label)
  end

  local function fieldset(prefix, names)
    local set = {}
    for name, kind in pairs(names) do set[name] = { field = make_field(prefix, name, kind), kind = kind } end
    return set
  end

  local chat_fields = fieldset("chatd", SPECS)
  -- ids: a request id on what the client sends (and on the daemon's ping), a message id on
  -- message, sent and history entries (18.3)
  chat_fields.id = { field = ProtoField.uint64("chatd.id", "id (request)"), kind = "u64" }
  local msg_id = { field = ProtoField.uint64("chatd.msg_id", "id (message)"), kind = "u64" }
  chat_fields.re = { field = ProtoField.uint64("chatd.re", "re"), kind = "u64" }
  -- "history" is a count in welcome and a flag in message
  local history_count = { field = ProtoField.uint64("chatd.history", "history (count)"), kind = "u64" }
  local history_flag = { field = ProtoField.bool("chatd.history_replay", "history (replayed)"), kind = "bool" }
  local user = { field = ProtoField.string("chatd.user", "user"), kind = "str" }
  local file_fields = fieldset("chatd.file", { name = "str", size = "u64", sha256 = "str" })
  local limit_specs = {}
  for _, n in ipairs(LIMITS) do limit_specs[n] = n == "rate_per_second" and "num" or "u64" end
  local limit_fields = fieldset("chatd.limits", limit_specs)
  local data_fields = fieldset("chatdata", { type = "str", transfer = "u64", token = "str", offset = "u64",
                                             length = "u64", code = "str", message = "str" })

  local f = {
    line = ProtoField.string("chatd.line", "Line"),
    unknown = ProtoField.string("chatd.unknown_field", "Unknown field"),
    mode = ProtoField.string("chatd.mode", "Mode"),
    direction = ProtoField.string("chatd.direction", "Direction"),
    response_in = ProtoField.framenum("chatd.response_in", "Response in", base.NONE, frametype.RESPONSE),
    request_in = ProtoField.framenum("chatd.request_in", "Request in", base.NONE, frametype.REQUEST),
    time = ProtoField.relative_time("chatd.time", "Response time"),
    text_kind = ProtoField.string("chatd.text.kind", "Text line"),
    file_offset = ProtoField.uint64("chatdata.file_offset", "File offset"),
    file_end = ProtoField.uint64("chatdata.file_end", "File end offset"),
    file_data = ProtoField.bytes("chatdata.file_data", "File data"),
  }
  L.f = f
  local e = {
    malformed = ProtoExpert.new("chatd.malformed", "Malformed line", expert.group.MALFORMED, expert.severity.ERROR),
    error_frame = ProtoExpert.new("chatd.error_frame", "Error frame", expert.group.RESPONSE_CODE, expert.severity.WARN),
    unknown_type = ProtoExpert.new("chatd.unknown_type", "Unknown frame type", expert.group.PROTOCOL, expert.severity.WARN),
    wrong_type = ProtoExpert.new("chatd.wrong_type", "Wrong JSON type for the field", expert.group.MALFORMED, expert.severity.WARN),
    no_request = ProtoExpert.new("chatd.no_request", "Reply to a request not in the capture", expert.group.SEQUENCE, expert.severity.NOTE),
    too_long = ProtoExpert.new("chatd.too_long", "Line over 65,536 bytes", expert.group.MALFORMED, expert.severity.ERROR),
  }
  L.e = e

  local function collect(list, set)
    for _, v in pairs(set) do list[#list + 1] = v.field end
  end
  local chat_list = {}
  for _, set in ipairs({ chat_fields, file_fields, limit_fields }) do collect(chat_list, set) end
  for _, s in ipairs({ msg_id, history_count, history_flag, user }) do chat_list[#chat_list + 1] = s.field end
  for k, v in pairs(f) do if not k:match("^file_") then chat_list[#chat_list + 1] = v end end
  local data_list = { f.file_offset, f.file_end, f.file_data }
  collect(data_list, data_fields)
  chatd.fields = chat_list
  chatdata.fields = data_list
  local experts = {}
  for _, v in pairs(e) do experts[#experts + 1] = v end
  chatd.experts = experts

  local function ms_time(ms)
    local secs = math.floor(ms / 1000)
    return NSTime.new(secs, (ms - secs * 1000) * 1000000)
  end

  -- Adds one scalar; false when its JSON type is not the field's.
  local function add_scalar(tree, spec, range, node)
    local k = spec.kind
    if k == "str" and node.kind == "string" then tree:add(spec.field, range, clean(node.value)) return true end
    if k == "bool" and node.kind == "boolean" then tree:add(spec.field, range, node.value) return true end
    if node.kind ~= "number" then return false end
    if k == "num" then tree:add(spec.field, range, node.value) return true end
    if node.value < 0 or node.value ~= math.floor(node.value) or node.value > 2 ^ 64 then return false end
    if k == "ts" then tree:add(spec.field, range, ms_time(node.value)) return true end
    if k == "u64" then
      local ok, v = pcall(UInt64.new, node.text:match("^%d+$") and node.text or string.format("%.0f", node.value))
      if ok then tree:add(spec.field, range, v) return true end
    end
    return false
  end

  local function show_unknown(tree, range, key, node)
    tree:add(f.unknown, range, clean(key .. " = " .. (node.text or tostring(node.value))))
  end

  local add_members

  local function add_member(tree, specs, key, node, tvb, base, whole_first, ftype)
    local range = tvb(base + whole_first - 1, node.last - whole_first + 1)
    if node.kind == "object" then
      local sub = tree:add(range, key)
      add_members(sub, key == "limits" and limit_fields or file_fields, node, tvb, base, ftype)
      return
    end
    if node.kind == "array" then
      local sub = tree:add(range, string.format("%s (%d)", key, #node.items))
      for _, item in ipairs(node.items) do
        local v = item.value
        local r = tvb(base + v.first - 1, v.last - v.first + 1)
        if key == "users" and v.kind == "string" then
          sub:add(user.field, r, clean(v.value))
        elseif key == "files" and v.kind == "object" then
          add_members(sub:add(r, "file"), file_fields, v, tvb, base, ftype)
        elseif key == "messages" and v.kind == "object" then
          add_members(sub:add(r, "message"), chat_fields, v, tvb, base, "message")
        else
          show_unknown(sub, r, key, v)
        end
      end
      return
    end
    local spec = specs[key]
    if key == "id" and specs == chat_fields and (ftype == "message" or ftype == "sent") then spec = msg_id end
    if key == "history" and specs == chat_fields then spec = node.kind == "boolean" and history_flag or history_count end
    if not spec then
      show_unknown(tree, range, key, node)
    elseif not add_scalar(tree, spec, range, node) then
      show_unknown(tree, range, key, node)
      tree:add_proto_expert_info(e.wrong_type, "wrong JSON type for '" .. key .. "': " .. node.kind)
    end
  end

  add_members = function(tree, specs, node, tvb, base, ftype)
    for _, item in ipairs(node.items) do
      add_member(tree, specs, item.key, item.value, tvb, base, item.key_first, ftype)
    end
  end

  local SUMMARY = { "name", "to", "from", "code", "transfer", "protocol", "offset", "length", "reason", "recipients" }

  local function summary(obj, ftype)
    local parts = { ftype }
    for _, k in ipairs({ "id", "re" }) do
      local v = json.member(obj, k)
      if v and v.kind == "number" then parts[#parts + 1] = k .. "=" .. v.text end
    end
    for _, k in ipairs(SUMMARY) do
      local v = json.member(obj, k)
      if v and (v.kind == "string" or v.kind == "number") then
        parts[#parts + 1] = k .. "=" .. (v.kind == "string" and v.value or v.text)
      end
    end
    return clean(table.concat(parts, " "))
  end

  --- A JSON line at tvb(base, len) into tree. Returns a summary and the parsed frame (or nil).
  function L.json(tree, tvb, base, len, for_data)
    local text = tvb(base, len):raw()
    local obj, msg, pos = json.parse(text)
    if not obj or obj.kind ~= "object" then
      local item = tree:add(chatd, tvb(base, len), "chatd: Malformed line")
      item:add(f.line, tvb(base, len), clean(text))
      item:add_proto_expert_info(e.malformed, obj and "not a JSON object" or (msg .. " at byte " .. pos))
      return "malformed line", nil
    end
    local t = json.member(obj, "type")
    local ftype = (t and t.kind == "string") and t.value or "?"
    local proto = for_data and chatdata or chatd
    local line_summary = summary(obj, ftype)
    local sub = tree:add(proto, tvb(base, len), (for_data and "chatdata: " or "chatd: ") .. line_summary)
    add_members(sub, for_data and data_fields or chat_fields, obj, tvb, base, ftype)
    if not (CLIENT_TYPES[ftype] or DAEMON_TYPES[ftype]) then
      sub:add_proto_expert_info(e.unknown_type, "unknown frame type '" .. clean(ftype:sub(1, 64)) .. "'")
    end
    if ftype == "error" then
      local code = json.member(obj, "code")
      sub:add_proto_expert_info(e.error_frame, "error " .. clean(code and tostring(code.value) or "?"))
    end
    return line_summary, obj, sub, ftype
  end

  -- Text mode (section 14): what the client types and what the daemon writes, by shape.
  local function text_client(sub, r, line, first)
    if first then
      sub:add(f.text_kind, "name"); sub:add(chat_fields.name.field, r, (line:gsub("^%s+", ""):gsub("%s+$", "")))
      return "name " .. line
    end
    if line:match("^%s*$") then sub:add(f.text_kind, "keep-alive") return "keep-alive" end
    if line:match("^%s*/") then sub:add(f.text_kind, "command") return "command " .. line end
    local to, msg = line:match("^%s*([^:]-)%s*:%s*(.-)%s*$")
    if to then
      sub:add(f.text_kind, "send"); sub:add(chat_fields.to.field, r, to); sub:add(chat_fields.text.field, r, msg)
      return "send to=" .. to
    end
    sub:add(f.text_kind, "unrecognised")
    return "text " .. line
  end

  local function text_daemon(sub, r, line)
    local rest = line:match("^%[%d%d:%d%d:%d%d%] (.*)$")
    rest = rest and (rest:match("^%(history%) (.*)$") or rest)
    local from, to, msg
    if rest then from, to, msg = rest:match("^(.-) %-> (.-): (.*)$") end
    if from then
      sub:add(f.text_kind, "message"); sub:add(chat_fields.from.field, r, from)
      sub:add(chat_fields.to.field, r, to); sub:add(chat_fields.text.field, r, msg)
      return "message from=" .. from .. " to=" .. to
    end
    local code, why = line:match("^! ([A-Z_]+): (.*)$")
    if code then
      sub:add(f.text_kind, "error"); sub:add(chat_fields.code.field, r, code); sub:add(chat_fields.message.field, r, why)
      sub:add_proto_expert_info(e.error_frame, "error " .. code)
      return "error " .. code
    end
    local name = line:match("^%* welcome (.-), ")
    if name then sub:add(f.text_kind, "welcome"); sub:add(chat_fields.name.field, r, name) return "welcome " .. name end
    if line:match("^%* ") then sub:add(f.text_kind, "event") return line:sub(3) end
    sub:add(f.text_kind, "unrecognised")
    return "text " .. line
  end

  --- A text-mode line; first: the client's first line (the name).
  function L.text(tree, tvb, base, len, from_client, first)
    local line = clean((tvb(base, len):raw():gsub("\r$", "")))
    local r = tvb(base, len)
    local sub = tree:add(chatd, r, "chatd text: " .. line)
    sub:add(f.line, r, line)
    if from_client then return text_client(sub, r, line, first) end
    return text_daemon(sub, r, line)
  end

  return L
end
