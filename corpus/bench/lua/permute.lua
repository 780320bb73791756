-- Lua 5.4 twin of corpus/bench/permute.veld (Are We Fast Yet? "Permute").
local Permuter = {}
Permuter.__index = Permuter

function Permuter.new()
  return setmetatable({ count = 0, v = { 0, 0, 0, 0, 0, 0 } }, Permuter)
end

function Permuter:permute(n)
  self.count = self.count + 1
  if n ~= 0 then
    local n1 = n - 1
    self:permute(n1)
    for i = n1, 0, -1 do
      self:swap(n1, i)
      self:permute(n1)
      self:swap(n1, i)
    end
  end
end

-- Indices are 0-based as in the Veld program; Lua tables are 1-based.
function Permuter:swap(i, j)
  local v = self.v
  local tmp = v[i + 1]
  v[i + 1] = v[j + 1]
  v[j + 1] = tmp
end

local function benchmark()
  local p = Permuter.new()
  p:permute(6)
  return p.count
end

local n = tonumber(arg[1]) or 3
local count = 0
for _ = 1, n do
  count = benchmark()
  assert(count == 8660, "permute: wrong count")
end
print(string.format("permute x%d: %d calls", n, count))
