-- Lua 5.4 twin of corpus/bench/towers.veld (Are We Fast Yet? "Towers"). Piles are 0-based
-- as in the Veld program; an empty pile is nil.
local Towers = {}
Towers.__index = Towers

function Towers.new()
  return setmetatable({ piles = {}, moves_done = 0 }, Towers)
end

function Towers:push_disk(disk, pile)
  local top = self.piles[pile]
  if top ~= nil and disk.size >= top.size then
    error("cannot put a big disk on a smaller one")
  end
  disk.next = top
  self.piles[pile] = disk
end

function Towers:pop_disk_from(pile)
  local top = self.piles[pile]
  if top == nil then error("attempting to remove a disk from an empty pile") end
  self.piles[pile] = top.next
  top.next = nil
  return top
end

function Towers:move_top_disk(from, to)
  self:push_disk(self:pop_disk_from(from), to)
  self.moves_done = self.moves_done + 1
end

function Towers:build_tower_at(pile, disks)
  for i = disks, 0, -1 do
    self:push_disk({ size = i, next = nil }, pile)
  end
end

function Towers:move_disks(disks, from, to)
  if disks == 1 then
    self:move_top_disk(from, to)
  else
    local other = 3 - from - to
    self:move_disks(disks - 1, from, other)
    self:move_top_disk(from, to)
    self:move_disks(disks - 1, other, to)
  end
end

local function benchmark()
  local towers = Towers.new()
  towers:build_tower_at(0, 13)
  towers:move_disks(13, 0, 1)
  return towers.moves_done
end

local n = tonumber(arg[1]) or 2
local moves = 0
for _ = 1, n do
  moves = benchmark()
  assert(moves == 8191, "towers: wrong number of moves")
end
print(string.format("towers x%d: %d moves", n, moves))
