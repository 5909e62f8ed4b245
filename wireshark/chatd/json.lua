-- A small JSON reader for one chat line (wire/PROTOCOL.md section 3) that keeps where each value
-- lies, so the dissector can highlight the bytes of every field. It is lenient where the daemon
-- is strict (it shows what it can) and reports the first syntax error with its byte position.
-- Loaded by chatd.lua with dofile; on its own it defines nothing.
local byte, sub, char, find = string.byte, string.sub, string.char, string.find
local M = {}

local ESCAPES = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }

local function utf8_char(cp)
  if cp < 0x80 then return char(cp) end
  if cp < 0x800 then return char(0xc0 + math.floor(cp / 64), 0x80 + cp % 64) end
  if cp < 0x10000 then
    return char(0xe0 + math.floor(cp / 4096), 0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
  end
  return char(0xf0 + math.floor(cp / 262144), 0x80 + math.floor(cp / 4096) % 64,
      0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
end

local function skip_space(s, i)
  local _, e = find(s, "^[ \t]*", i)
  return e + 1
end

local parse_value

local function parse_string(s, i)
  -- s[i] is the opening quote
  local out, j = {}, i + 1
  while true do
    local c = byte(s, j)
    if c == nil then error({ pos = j, msg = "unterminated string" }) end
    if c == 34 then break end
    if c == 92 then
      local e = sub(s, j + 1, j + 1)
      if e == "u" then
        local hex = sub(s, j + 2, j + 5)
        if not find(hex, "^%x%x%x%x$") then error({ pos = j, msg = "bad \\u escape" }) end
        local cp = tonumber(hex, 16)
        j = j + 6
        if cp >= 0xd800 and cp <= 0xdbff and sub(s, j, j + 1) == "\\u" then
          local lo = tonumber(sub(s, j + 2, j + 5), 16)
          if lo and lo >= 0xdc00 and lo <= 0xdfff then
            cp = 0x10000 + (cp - 0xd800) * 0x400 + (lo - 0xdc00)
            j = j + 6
          end
        end
        if cp >= 0xd800 and cp <= 0xdfff then cp = 0xfffd end
        out[#out + 1] = utf8_char(cp)
      elseif ESCAPES[e] then
        out[#out + 1] = ESCAPES[e]
        j = j + 2
      else
        error({ pos = j, msg = "bad escape" })
      end
    else
      local _, e = find(s, '^[^"\\]+', j)
      out[#out + 1] = sub(s, j, e)
      j = e + 1
    end
  end
  return { kind = "string", value = table.concat(out), first = i, last = j }, j + 1
end

local function parse_container(s, i, depth, closing)
  if depth > 16 then error({ pos = i, msg = "nested deeper than 16 levels" }) end
  local node = { kind = closing == "}" and "object" or "array", items = {}, first = i }
  local j = skip_space(s, i + 1)
  if sub(s, j, j) == closing then
    node.last = j
    return node, j + 1
  end
  while true do
    local item = {}
    if node.kind == "object" then
      if sub(s, j, j) ~= '"' then error({ pos = j, msg = "expected a field name" }) end
      local key
      key, j = parse_string(s, j)
      item.key, item.key_first = key.value, key.first
      j = skip_space(s, j)
      if sub(s, j, j) ~= ":" then error({ pos = j, msg = "expected ':'" }) end
      j = skip_space(s, j + 1)
    end
    item.value, j = parse_value(s, j, depth + 1)
    node.items[#node.items + 1] = item
    j = skip_space(s, j)
    local c = sub(s, j, j)
    if c == closing then
      node.last = j
      return node, j + 1
    end
    if c ~= "," then error({ pos = j, msg = "expected ',' or '" .. closing .. "'" }) end
    j = skip_space(s, j + 1)
  end
end

parse_value = function(s, i, depth)
  local c = sub(s, i, i)
  if c == '"' then return parse_string(s, i) end
  if c == "{" then return parse_container(s, i, depth, "}") end
  if c == "[" then return parse_container(s, i, depth, "]") end
  local _, e = find(s, "^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if e then
    local text = sub(s, i, e)
    return { kind = "number", value = tonumber(text), text = text, first = i, last = e }, e + 1
  end
  for word, v in pairs({ ["true"] = true, ["false"] = false, ["null"] = "null" }) do
    if sub(s, i, i + #word - 1) == word then
      return { kind = word == "null" and "null" or "boolean", value = v, first = i, last = i + #word - 1 }, i + #word
    end
  end
  error({ pos = i, msg = c == "" and "line ends early" or "unexpected '" .. c .. "'" })
end

--- Parses one line (without its newline). Returns the top value, or nil, message, position (1-based).
function M.parse(s)
  local ok, node, j = pcall(parse_value, s, 1, 1)
  if not ok then
    if type(node) == "table" then return nil, node.msg, node.pos end
    return nil, tostring(node), 1
  end
  j = skip_space(s, j)
  if j <= #s then return nil, "trailing data after the object", j end
  return node
end

--- The member named key of an object node, or nil.
function M.member(node, key)
  if node and node.kind == "object" then
    for _, item in ipairs(node.items) do
      if item.key == key then return item.value end
    end
  end
  return nil
end

return M
