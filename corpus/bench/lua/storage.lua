-- Lua 5.4 twin of corpus/bench/storage.veld (Are We Fast Yet? "Storage").
local Random = {}
Random.__index = Random
function Random.new() return setmetatable({ seed = 74755 }, Random) end
function Random:next()
  self.seed = (self.seed * 1309 + 13849) & 65535
  return self.seed
end

local Storage = {}
Storage.__index = Storage

function Storage:build_tree_depth(depth)
  self.count = self.count + 1
  if depth == 1 then
    -- Lua has no unit value to fill a table with; false stands in for Veld's ().
    local leaf = {}
    local length = self.random:next() % 10 + 1
    for i = 1, length do leaf[i] = false end
    return leaf
  end
  local node = {}
  for i = 1, 4 do node[i] = self:build_tree_depth(depth - 1) end
  return node
end

local function benchmark()
  local storage = setmetatable({ count = 0, random = Random.new() }, Storage)
  storage:build_tree_depth(7)
  return storage.count
end

local n = tonumber(arg[1]) or 3
local nodes = 0
for _ = 1, n do
  nodes = benchmark()
  assert(nodes == 5461, "storage: wrong node count")
end
print(string.format("storage x%d: %d nodes", n, nodes))
