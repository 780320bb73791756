-- Lua 5.4 twin of corpus/bench/closures.veld. Lua has no array map/reduce, so the two are written
-- as small higher-order functions taking the same capturing callbacks.
local function make_counter()
  local count = 0
  return function()
    count = count + 1
    return count
  end
end

local function make_adder(k) return function(x) return x + k end end
local function compose(f, g) return function(x) return g(f(x)) end end

local function map(xs, f)
  local out = {}
  for i = 1, #xs do out[i] = f(xs[i]) end
  return out
end

local function reduce(xs, init, f)
  local acc = init
  for i = 1, #xs do acc = f(acc, xs[i]) end
  return acc
end

local function benchmark(n)
  local counter = make_counter()
  local xs = {}
  for i = 0, 99 do xs[i + 1] = i end
  local total, mapped = 0, 0
  for i = 0, n - 1 do
    local add_i = make_adder(i)
    local twice = compose(add_i, add_i)
    total = total + twice(1)
    counter()
    if i % 100 == 0 then
      local k = i // 100
      mapped = mapped + reduce(map(xs, function(x) return x + k end), 0, function(acc, x) return acc + x end)
    end
  end
  return total, counter(), mapped
end

local n = tonumber(arg[1]) or 20000
local total, calls, mapped = benchmark(n)
local m = (n + 99) // 100
assert(total == n * n, "closures: wrong total")
assert(calls == n + 1, "closures: wrong counter")
assert(mapped == m * 4950 + 100 * (m * (m - 1) // 2), "closures: wrong map/reduce sum")
print(string.format("closures(%d): %d %d %d", n, total, calls, mapped))
