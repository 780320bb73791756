-- Lua 5.4 twin of corpus/bench/dispatch.veld: four "classes" (metatables) with their own `area`,
-- called at one site.
local Square = {}; Square.__index = Square
function Square:area() return self.side * self.side end
local Rect = {}; Rect.__index = Rect
function Rect:area() return self.w * self.h end
local Triangle = {}; Triangle.__index = Triangle
function Triangle:area() return self.base * self.height // 2 end
local Circle = {}; Circle.__index = Circle
function Circle:area() return 3 * self.r * self.r end

local function make_shape(i)
  local size = i % 10 + 1
  local kind = i % 4
  if kind == 0 then return setmetatable({ side = size }, Square)
  elseif kind == 1 then return setmetatable({ w = size, h = size + 1 }, Rect)
  elseif kind == 2 then return setmetatable({ base = size, height = size + 2 }, Triangle)
  else return setmetatable({ r = size }, Circle) end
end

local function expected_area(i)
  local size = i % 10 + 1
  local kind = i % 4
  if kind == 0 then return size * size
  elseif kind == 1 then return size * (size + 1)
  elseif kind == 2 then return size * (size + 2) // 2
  else return 3 * size * size end
end

local function benchmark(passes, shapes)
  local total = 0
  for _ = 1, passes do
    for i = 1, #shapes do total = total + shapes[i]:area() end
  end
  return total
end

local n = tonumber(arg[1]) or 500
local shapes = {}
local one_pass = 0
for i = 0, 99 do
  shapes[i + 1] = make_shape(i)
  one_pass = one_pass + expected_area(i)
end
local total = benchmark(n, shapes)
assert(total == n * one_pass, "dispatch: wrong area sum")
print(string.format("dispatch(%d): total area %d", n, total))
