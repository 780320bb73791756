-- Lua 5.4 twin of corpus/bench/bounce.veld (Are We Fast Yet? "Bounce").
local Random = {}
Random.__index = Random
function Random.new() return setmetatable({ seed = 74755 }, Random) end
function Random:next()
  self.seed = (self.seed * 1309 + 13849) & 65535
  return self.seed
end

local Ball = {}
Ball.__index = Ball
function Ball.new(random)
  local x = random:next() % 500
  local y = random:next() % 500
  local x_vel = random:next() % 300 - 150
  local y_vel = random:next() % 300 - 150
  return setmetatable({ x = x, y = y, x_vel = x_vel, y_vel = y_vel }, Ball)
end

function Ball:bounce()
  local limit = 500
  local bounced = false
  self.x = self.x + self.x_vel
  self.y = self.y + self.y_vel
  if self.x > limit then self.x = limit; self.x_vel = 0 - math.abs(self.x_vel); bounced = true end
  if self.x < 0 then self.x = 0; self.x_vel = math.abs(self.x_vel); bounced = true end
  if self.y > limit then self.y = limit; self.y_vel = 0 - math.abs(self.y_vel); bounced = true end
  if self.y < 0 then self.y = 0; self.y_vel = math.abs(self.y_vel); bounced = true end
  return bounced
end

local function simulate()
  local random = Random.new()
  local balls = {}
  for i = 1, 100 do balls[i] = Ball.new(random) end
  local bounces = 0
  for _ = 1, 50 do
    for i = 1, #balls do
      if balls[i]:bounce() then bounces = bounces + 1 end
    end
  end
  return bounces
end

local n = tonumber(arg[1]) or 5
local bounces = 0
for _ = 1, n do
  bounces = simulate()
  assert(bounces == 1331, "bounce: wrong bounce count")
end
print(string.format("bounce x%d: %d bounces", n, bounces))
