-- Lua 5.4 twin of corpus/bench/queens.veld (Are We Fast Yet? "Queens"). Arrays are 1-based here,
-- so every index is shifted by one from the Veld program.
local Board = {}
Board.__index = Board

local function filled(count, value)
  local a = {}
  for i = 1, count do a[i] = value end
  return a
end

function Board.new()
  return setmetatable({
    free_rows = filled(8, true), free_maxs = filled(16, true), free_mins = filled(16, true),
    queen_rows = filled(8, -1),
  }, Board)
end

function Board:get_row_column(r, c)
  return self.free_rows[r + 1] and self.free_maxs[c + r + 1] and self.free_mins[c - r + 8]
end

function Board:set_row_column(r, c, v)
  self.free_rows[r + 1] = v
  self.free_maxs[c + r + 1] = v
  self.free_mins[c - r + 8] = v
end

function Board:place_queen(c)
  for r = 0, 7 do
    if self:get_row_column(r, c) then
      self.queen_rows[r + 1] = c
      self:set_row_column(r, c, false)
      if c == 7 then return true end
      if self:place_queen(c + 1) then return true end
      self:set_row_column(r, c, true)
    end
  end
  return false
end

local function benchmark()
  local result = true
  for _ = 1, 10 do
    result = result and Board.new():place_queen(0)
  end
  return result
end

local n = tonumber(arg[1]) or 3
local solved = false
for _ = 1, n do
  solved = benchmark()
  assert(solved, "queens: no solution found")
end
print(string.format("queens x%d: solved %s", n, tostring(solved)))
