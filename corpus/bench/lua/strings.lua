-- Lua 5.4 twin of corpus/bench/strings.veld. The line is built with `..` like Veld's `+`; the
-- split is a gmatch over the separators (Lua has no split).
local function digit_count(i)
  local digits = 1
  local rest = i // 10
  while rest > 0 do
    digits = digits + 1
    rest = rest // 10
  end
  return digits
end

local function build_text(n)
  local lines = {}
  local line = ""
  for i = 0, n - 1 do
    line = line .. tostring(i) .. ";"
    if i % 16 == 15 then
      lines[#lines + 1] = line
      line = ""
    end
  end
  if line ~= "" then lines[#lines + 1] = line end
  return table.concat(lines, "\n")
end

local n = tonumber(arg[1]) or 10000
local text = build_text(n)
local digits = 0
for i = 0, n - 1 do digits = digits + digit_count(i) end
local line_count = (n + 15) // 16
assert(#text == digits + n + line_count - 1, "strings: wrong text length")
local pieces = {}
for piece in (text:gsub("\n", "") .. ""):gmatch("([^;]*);") do pieces[#pieces + 1] = piece end
pieces[#pieces + 1] = ""   -- the empty piece after the last ';', as Veld's split keeps it
assert(#pieces == n + 1, "strings: wrong piece count")
assert(tonumber(pieces[n]) == n - 1, "strings: wrong last piece")
print(string.format("strings(%d): %d chars in %d lines", n, #text, line_count))
